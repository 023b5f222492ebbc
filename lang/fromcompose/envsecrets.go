package fromcompose

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
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
	"credential": true, "credentials": true, "passphrase": true, "salt": true, "auth": true, "apikey": true, "privatekey": true, "accesskey": true,
}

// credentialPairs are two words that together name a credential (API_KEY).
var credentialPairs = map[[2]string]bool{
	{"api", "key"}: true, {"private", "key"}: true, {"access", "key"}: true,
	// keys that encrypt or sign: n8n's N8N_ENCRYPTION_KEY, appwrite's
	// _APP_OPENSSL_KEY_V1, Laravel's APP_KEY
	{"encryption", "key"}: true, {"signing", "key"}: true, {"master", "key"}: true, {"openssl", "key"}: true,
	{"session", "key"}: true, {"jwt", "key"}: true, {"app", "key"}: true, {"license", "key"}: true,
}

// notSecretWords are the words that, after the credential word, make the
// name one of a setting about the credential, not the credential itself:
// API_KEY_RATE_LIMIT, AUTH_URL, PASSWORD_MIN_LENGTH, TOKEN_TTL,
// AWS_ACCESS_KEY_ID, SMTP_AUTH_USER.
var notSecretWords = map[string]bool{
	"limit": true, "limits": true, "rate": true, "url": true, "uri": true, "urls": true, "host": true,
	"hostname": true, "port": true, "endpoint": true, "server": true, "domain": true, "realm": true,
	"enabled": true, "enable": true, "disabled": true, "disable": true, "required": true, "type": true,
	"mode": true, "method": true, "provider": true, "backend": true, "strategy": true, "policy": true,
	"algorithm": true, "alg": true, "length": true, "len": true, "min": true, "max": true, "size": true,
	"count": true, "expiry": true, "expire": true, "expires": true, "expiration": true, "ttl": true,
	"timeout": true, "lifetime": true, "interval": true, "duration": true, "days": true, "hours": true,
	"minutes": true, "seconds": true, "name": true, "user": true, "username": true, "id": true,
	"path": true, "dir": true, "header": true, "issuer": true, "audience": true, "scope": true,
	"scopes": true, "version": true, "format": true, "prefix": true, "suffix": true, "level": true,
}

// credentialName reports an environment variable name that looks like a
// credential's: a credential word (or pair) not followed by a word that
// makes it a setting about one.
func credentialName(k string) bool {
	words := strings.FieldsFunc(strings.ToLower(k), func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	last := -1
	for i, w := range words {
		if credentialWords[w] || i > 0 && credentialPairs[[2]string{words[i-1], w}] {
			last = i
		}
	}
	if last < 0 {
		return false
	}
	for _, w := range words[last+1:] {
		if notSecretWords[w] {
			return false
		}
	}
	return true
}

// credVar is a sensitive variable made for a credential: for a Compose
// variable (shared by every env value that reads it, as the Compose
// variable is), or for one whole env value that berth cannot write as a
// template of variables.
type credVar struct {
	name    string // berth name
	compose string // the Compose variable, or "" for a whole value
	value   string // its value at import
	// unset: the Compose variable had no value at import, so the value is
	// the default the file writes (or empty), which becomes the berth
	// variable's default too
	unset bool
	uses  []string // KEY of "service", for its description
	// envFile: the value is a line of the service's env_file, not of the
	// Compose file
	envFile bool
	body    *hclwrite.Body
}

// credentials returns, by key, the env values of service whose
// credentials the Compose file takes from variables, written with
// references to sensitive variables (POSTGRES_PASSWORD =
// var.postgres_password; DATABASE_URL = "postgres://app:${var.db_password}@db/app"),
// declaring the variables in root.
func (c *converter) credentials(root *hclwrite.Body, service string, env map[string]string) map[string]hclwrite.Tokens {
	out := map[string]hclwrite.Tokens{}
	for _, k := range slices.Sorted(maps.Keys(env)) {
		if t := c.credential(root, service, k, env[k]); t != nil {
			out[k] = t
		}
	}
	return out
}

// credential returns the value v of service's env key k written with
// sensitive variables for the credentials it takes from variables, or
// nil when it takes none.
func (c *converter) credential(root *hclwrite.Body, service, k, v string) hclwrite.Tokens {
	if v == "" || strings.HasSuffix(strings.ToUpper(k), "_FILE") {
		return nil
	}
	raw, ok := c.src.rawEnv(service, k)
	use := k + " of " + service
	if !ok && credentialName(k) && len(c.p.Services[service].EnvFiles) > 0 {
		// from an env_file, which is often kept out of version control
		// where the berth file is kept
		return ref("var", c.envFileVar(root, service, k, v, use).name)
	}
	if !ok || !strings.Contains(strings.ReplaceAll(raw, "$$", ""), "$") {
		return nil
	}
	segs, ok := segments(raw)
	secret := func(g segment) bool { return g.name != "" && (credentialName(k) || credentialName(g.name)) }
	if !ok || !slices.ContainsFunc(segs, secret) {
		if credentialName(k) {
			return ref("var", c.wholeValueVar(root, service, k, v, false, use).name)
		}
		return nil
	}
	// the value again, from the segments: what is not read as compose-go
	// reads it is a variable of its own
	var b strings.Builder
	unset := true
	for _, g := range segs {
		val, def := g.value(c.p.Environment)
		b.WriteString(g.lit + val)
		if secret(g) {
			unset = unset && def
		}
	}
	if b.String() != v {
		// read from other variables than the project's (an included
		// file's env_file): where the value came from is not known, so
		// it is no default, which would write it into the source
		return ref("var", c.wholeValueVar(root, service, k, v, false, use).name)
	}
	vars := make([]*credVar, len(segs))
	for i, g := range segs {
		if secret(g) {
			val, def := g.value(c.p.Environment)
			if vars[i] = c.composeVar(root, g.name, val, def, use); vars[i] == nil {
				return ref("var", c.wholeValueVar(root, service, k, v, unset, use).name)
			}
		}
	}
	if len(segs) == 1 {
		return ref("var", vars[0].name)
	}
	toks := hclwrite.Tokens{{Type: hclsyntax.TokenOQuote, Bytes: []byte(`"`)}}
	for i, g := range segs {
		switch {
		case vars[i] != nil:
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenTemplateInterp, Bytes: []byte("${")})
			toks = append(toks, ref("var", vars[i].name)...)
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenTemplateSeqEnd, Bytes: []byte("}")})
		default:
			val, _ := g.value(c.p.Environment)
			lit := hclwrite.TokensForValue(cty.StringVal(g.lit + val))
			toks = append(toks, lit[1:len(lit)-1]...) // without its quotes
		}
	}
	return append(toks, &hclwrite.Token{Type: hclsyntax.TokenCQuote, Bytes: []byte(`"`)})
}

// composeVar returns the sensitive variable of the Compose variable name,
// declaring it at its first use; nil when an earlier use gave it another
// value (two different defaults), which one variable cannot hold.
func (c *converter) composeVar(root *hclwrite.Body, name, value string, unset bool, use string) *credVar {
	if v := c.credVars["$"+name]; v != nil {
		if v.value != value || v.unset != unset {
			return nil
		}
		if !slices.Contains(v.uses, use) {
			v.uses = append(v.uses, use)
		}
		return v
	}
	v := &credVar{compose: name, value: value, unset: unset, uses: []string{use}}
	c.declareCredVar(root, "$"+name, strings.ToLower(name), v)
	return v
}

// envFileVar returns the sensitive variable of an env_file's credential
// k: one per key and value, named after the key and shared by the
// services that read the same value (several services often read one
// env_file); another value of the key is a variable of the service's.
func (c *converter) envFileVar(root *hclwrite.Body, service, k, value, use string) *credVar {
	key := "env_file\x00" + k
	if v := c.credVars[key]; v != nil && v.value == value {
		v.uses = append(v.uses, use)
		c.credVars[service+"\x00"+k] = v
		return v
	}
	v := &credVar{value: value, uses: []string{use}, envFile: true}
	if c.credVars[key] == nil {
		c.declareCredVar(root, key, strings.ToLower(k), v)
	} else {
		c.declareCredVar(root, service+"\x00"+k, strings.ToLower(c.name("service", service, nil)+"_"+k), v)
	}
	c.credVars[service+"\x00"+k] = v
	return v
}

// wholeValueVar declares a sensitive variable for the whole value of one
// service's env key.
func (c *converter) wholeValueVar(root *hclwrite.Body, service, k, value string, unset bool, use string) *credVar {
	v := &credVar{value: value, unset: unset, uses: []string{use}}
	c.declareCredVar(root, service+"\x00"+k, strings.ToLower(c.name("service", service, nil)+"_"+k), v)
	return v
}

// declareCredVar names v after want, as an environment variable can be
// named (BERTH_VAR_<name>: underscores, not dashes), and declares it.
func (c *converter) declareCredVar(root *hclwrite.Body, key, want string, v *credVar) {
	if c.credVars == nil {
		c.credVars = map[string]*credVar{}
	}
	want = identifier("variable", strings.NewReplacer("-", "_", ".", "_").Replace(want))
	v.name = want
	for i := 2; c.holder("variable", v.name) != ""; i++ {
		v.name = fmt.Sprintf("%s_%d", want, i)
	}
	if c.names["variable"] == nil {
		c.names["variable"] = map[string]string{}
	}
	c.names["variable"][key] = v.name
	c.credVars[key] = v
	if !v.unset {
		c.vars = append(c.vars, v.name)
	}
	root.AppendNewline()
	v.body = root.AppendNewBlock("variable", []string{v.name}).Body()
	v.body.SetAttributeRaw("type", hclwrite.TokensForIdentifier("string"))
	v.body.SetAttributeValue("sensitive", cty.True)
	if v.unset {
		v.body.SetAttributeValue("default", cty.StringVal(v.value))
	}
}

// describeCredVars writes each credential variable's description, once
// every service has been written: which env values read it.
func (c *converter) describeCredVars() {
	for _, v := range c.credVars {
		what := "$" + v.compose + " of the Compose file, which " + strings.Join(v.uses, ", ") + " read" + pick(len(v.uses) == 1, "s", "") + "."
		if v.compose == "" {
			what = "The " + v.uses[0] + ", which the Compose file takes from its variables."
		}
		if v.envFile {
			what = "The " + strings.Join(v.uses, ", ") + ", which the Compose file reads from an env_file."
		}
		v.body.SetAttributeValue("description", cty.StringVal(what))
	}
}

// envFileCredentialWarning says which env values of service, read from
// its env_file, became sensitive variables, and how to set them.
func (c *converter) envFileCredentialWarning(at *hcl.Range, service string, files, keys []string) {
	var refs, sets []string
	for _, k := range keys {
		v := c.credVars[service+"\x00"+k]
		refs = append(refs, "var."+v.name)
		sets = append(sets, "-var "+v.name+"=... or BERTH_VAR_"+v.name)
	}
	c.warn(at, "Credentials from an env_file kept out of the berth file",
		"The service %q reads %s from %s. berth does not write credentials into its source, which is kept in version control: %s %s. Set %s, with the value in that file.",
		service, quoteList(keys), quoteList(files), pick(len(keys) == 1, "it reads the sensitive variable", "they read the sensitive variables"),
		strings.Join(refs, ", "), strings.Join(sets, "; "))
}

// credentialWarning says which env values of service read credential
// variables, and how to set them.
func (c *converter) credentialWarning(at *hcl.Range, service string, keys []string) {
	var vars []*credVar
	for _, v := range c.credVars {
		for _, k := range keys {
			if slices.Contains(v.uses, k+" of "+service) && !slices.Contains(vars, v) {
				vars = append(vars, v)
			}
		}
	}
	slices.SortFunc(vars, func(a, b *credVar) int { return strings.Compare(a.name, b.name) })
	var refs, sets, defaults, defaulted []string
	for _, v := range vars {
		refs = append(refs, "var."+v.name)
		if v.unset {
			defaulted = append(defaulted, "var."+v.name)
			defaults = append(defaults, "$"+cmp.Or(v.compose, "the Compose variables of "+v.uses[0]))
		} else {
			sets = append(sets, "-var "+v.name+"=... or BERTH_VAR_"+v.name)
		}
	}
	detail := fmt.Sprintf("The service %q takes %s from variables of the Compose file, which docker compose reads from .env or the environment. berth does not write credentials into its source, which is kept in version control: %s %s (one for each Compose variable, shared by the services that read it).",
		service, quoteList(keys), pick(len(vars) == 1, "it reads the sensitive variable", "they read the sensitive variables"), strings.Join(refs, ", "))
	if len(sets) > 0 {
		detail += " Set " + strings.Join(sets, "; ") + "."
	}
	if len(defaulted) > 0 {
		detail += fmt.Sprintf(" %s had no value at import, so Compose took the default the file writes: it is the default of %s too.",
			strings.Join(defaults, ", "), strings.Join(defaulted, ", "))
	}
	c.warn(at, "Credentials from variables kept out of the berth file", "%s", detail)
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// setEnv sets env = { ... }: each key's value, or the tokens in creds for
// the keys that read credential variables, with the comment in origins
// after the keys read from an env file.
func setEnv(b *hclwrite.Body, env map[string]string, creds map[string]hclwrite.Tokens, origins map[string]string) {
	setObject(b, "env", env, creds, origins)
}

// setObject sets name = { ... } of m: each key's value, or its tokens in
// raw, with its comment in comments, if any.
func setObject(b *hclwrite.Body, name string, m map[string]string, raw map[string]hclwrite.Tokens, comments map[string]string) {
	if len(raw) == 0 && len(comments) == 0 {
		setMap(b, name, m)
		return
	}
	var attrs []hclwrite.ObjectAttrTokens
	var after []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		key := hclwrite.TokensForIdentifier(k)
		if !hclsyntax.ValidIdentifier(k) {
			key = hclwrite.TokensForValue(cty.StringVal(k))
		}
		val := hclwrite.TokensForValue(cty.StringVal(m[k]))
		if t, ok := raw[k]; ok {
			val = t
		}
		attrs = append(attrs, hclwrite.ObjectAttrTokens{Name: key, Value: val})
		after = append(after, comments[k])
	}
	b.SetAttributeRaw(name, objectWithComments(attrs, after))
}

// rawEnv returns the value of service's environment key as the Compose
// files write it, before interpolation: the last file that sets it (or
// the service it extends), in either the mapping or the list form. A key
// without a value (KEY: or - KEY) takes the variable of its name, as
// ${KEY}.
func (s *Sources) rawEnv(service, key string) (string, bool) {
	if s == nil {
		return "", false
	}
	files := s.all()
	for i := len(files) - 1; i >= 0; i-- {
		_, _, env := s.pairIn(files[i], []string{"services", service, "environment"}, 0)
		switch {
		case env == nil:
		case env.Kind == yaml.MappingNode:
			if k, v := lookup(env, key, 0); k != nil {
				if v == nil || v.Tag == "!!null" {
					return "${" + key + "}", true
				}
				return v.Value, true
			}
		case env.Kind == yaml.SequenceNode:
			for _, item := range env.Content {
				name, val, ok := strings.Cut(item.Value, "=")
				if name != key {
					continue
				}
				if !ok {
					return "${" + key + "}", true
				}
				return val, true
			}
		}
	}
	return "", false
}
