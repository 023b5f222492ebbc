package fromcompose

import (
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	"go.yaml.in/yaml/v4"
)

// An environment value that looks like a credential (a password, a
// token, a key) and that the Compose file takes from a variable
// (GRAYLOG_PASSWORD_SECRET: ${GRAYLOG_PASSWORD_SECRET}, set in .env) is
// not written into the berth source: the Compose file held only the
// variable, and the berth file, which is kept in version control, would
// hold the secret. It becomes a sensitive variable instead, set with -var
// or BERTH_VAR_<name>, as a secret read from the environment does.

// credentialWords are the words (between _, -, . and the ends) of the
// names of environment variables that hold credentials: POSTGRES_PASSWORD,
// GRAYLOG_PASSWORD_SECRET, SMTP_AUTH_PASS, STRIPE_API_KEY. Whole words,
// so PASSENGER_APP_ENV or AUTHOR_NAME are none.
var credentialWords = map[string]bool{
	"password": true, "passwd": true, "pass": true, "pwd": true, "secret": true, "token": true,
	"credential": true, "credentials": true, "auth": true, "apikey": true, "privatekey": true, "accesskey": true,
}

// credentialPairs are two words that together name a credential (API_KEY).
var credentialPairs = map[[2]string]bool{{"api", "key"}: true, {"private", "key"}: true, {"access", "key"}: true}

// credentialName reports an environment variable name that looks like a
// credential's.
func credentialName(k string) bool {
	words := strings.FieldsFunc(strings.ToLower(k), func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	for i, w := range words {
		if credentialWords[w] || i > 0 && credentialPairs[[2]string{words[i-1], w}] {
			return true
		}
	}
	return false
}

// interpolatedCredentials returns the keys of env, sorted, whose value
// service s takes from a variable and whose name looks like a credential.
func (c *converter) interpolatedCredentials(service string, env map[string]string) []string {
	var out []string
	for k, v := range env {
		if v == "" || !credentialName(k) || strings.HasSuffix(strings.ToUpper(k), "_FILE") {
			continue
		}
		if raw, ok := c.src.rawEnv(service, k); ok && raw != v && strings.Contains(strings.ReplaceAll(raw, "$$", ""), "$") {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// credentialVars declares a sensitive variable for each key of keys in
// body, and returns their names by key.
func (c *converter) credentialVars(body *hclwrite.Body, service string, keys []string) map[string]string {
	vars := map[string]string{}
	for _, k := range keys {
		v := c.name("variable", identifier("variable", strings.ToLower(service+"_"+k)), nil)
		vars[k] = v
		c.vars = append(c.vars, v)
		body.AppendNewline()
		vb := body.AppendNewBlock("variable", []string{v}).Body()
		vb.SetAttributeRaw("type", hclwrite.TokensForIdentifier("string"))
		vb.SetAttributeValue("sensitive", cty.True)
		setString(vb, "description", "The "+k+" of service "+service+", from a variable of the Compose file.")
	}
	return vars
}

// setEnv sets env = { ... }: each key's value, or var.NAME for the keys
// in vars.
func setEnv(b *hclwrite.Body, env map[string]string, vars map[string]string) {
	if len(vars) == 0 {
		setMap(b, "env", env)
		return
	}
	var attrs []hclwrite.ObjectAttrTokens
	for _, k := range slices.Sorted(maps.Keys(env)) {
		name := hclwrite.TokensForIdentifier(k)
		if !hclsyntax.ValidIdentifier(k) {
			name = hclwrite.TokensForValue(cty.StringVal(k))
		}
		val := hclwrite.TokensForValue(cty.StringVal(env[k]))
		if v, ok := vars[k]; ok {
			val = ref("var", v)
		}
		attrs = append(attrs, hclwrite.ObjectAttrTokens{Name: name, Value: val})
	}
	b.SetAttributeRaw("env", hclwrite.TokensForObject(attrs))
}

// rawEnv returns the value of service's environment key as the Compose
// files write it, before interpolation: the last file that sets it, in
// either the mapping or the list form.
func (s *Sources) rawEnv(service, key string) (string, bool) {
	if s == nil {
		return "", false
	}
	files := s.all()
	for i := len(files) - 1; i >= 0; i-- {
		_, env := findPair(s.tree(files[i]), []string{"services", service, "environment"})
		switch {
		case env == nil:
		case env.Kind == yaml.MappingNode:
			if k, v := lookup(env, key, 0); k != nil && v != nil {
				return v.Value, true
			}
		case env.Kind == yaml.SequenceNode:
			for _, item := range env.Content {
				if name, val, ok := strings.Cut(item.Value, "="); ok && name == key {
					return val, true
				}
			}
		}
	}
	return "", false
}
