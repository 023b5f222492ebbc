package fromcompose

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// compose-go's schema errors for a key the specification does not have:
// "services.web.enviroment false schema", "services.web.deploy.resources
// additional properties 'limit' not allowed", and at the top level
// "additional properties 'servics' not allowed".
var (
	falseSchemaRE = regexp.MustCompile(`validating [^:]+:\s+(\S+) false schema`)
	extraPropsRE  = regexp.MustCompile(`validating [^:]+:\s+(?:(\S+) )?additional properties '([^']+)' not allowed`)
)

// unknownKey points d at a key the Compose specification does not have and
// says which key was likely meant, or that an extension is named x-...
func (s *Sources) unknownKey(d *hcl.Diagnostic, msg string) {
	var parent []string
	var key string
	if m := falseSchemaRE.FindStringSubmatch(msg); m != nil {
		path := s.rejoin(keyPath(m[1]))
		parent, key = path[:len(path)-1], path[len(path)-1]
	} else if m := extraPropsRE.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			parent = s.rejoin(keyPath(m[1]))
		}
		key = m[2]
	} else {
		return
	}
	if r := s.At(append(slices.Clone(parent), key)...); r != nil {
		d.Subject = r
	}
	where := "the top level"
	if len(parent) > 0 {
		where = strings.Join(parent, ".")
	}
	d.Detail = fmt.Sprintf("%s. %q is not a key of %s in the Compose specification.%s If it is an extension of your own, name it x-%s.",
		strings.TrimSuffix(msg, "."), key, where, lang.DidYouMean(key, composeKeys(parent)), key)
}

// composeKeys returns the keys the Compose specification allows under
// path (services, web, deploy), read from compose-go's types: a map
// level takes a name (the service's), a struct level a key.
func composeKeys(path []string) []string {
	t := reflect.TypeOf(types.Project{})
	for _, p := range path {
		t = elemType(t)
		switch t.Kind() {
		case reflect.Map:
			t = t.Elem()
		case reflect.Struct:
			f, ok := fieldByKey(t, p)
			if !ok {
				return nil
			}
			t = f.Type
		default:
			return nil
		}
	}
	t = elemType(t)
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	yamlKeys(t, &keys)
	if len(path) == 0 {
		keys = append(keys, "include", "version")
	}
	return keys
}

func elemType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	return t
}

// fieldByKey returns the field of struct t written as key in YAML,
// looking into inlined structs.
func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if strings.Contains(opts, "inline") && f.Type.Kind() == reflect.Struct {
			if g, ok := fieldByKey(f.Type, key); ok {
				return g, true
			}
		} else if name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// yamlKeys appends the YAML keys of struct t's fields.
func yamlKeys(t reflect.Type, keys *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case strings.Contains(opts, "inline") && f.Type.Kind() == reflect.Struct:
			yamlKeys(f.Type, keys)
		case name != "" && name != "-" && !strings.HasPrefix(name, "#"):
			*keys = append(*keys, name)
		}
	}
}
