package fromcompose

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/internal/crash"
)

// recoverPanics turns a crash of berth's own import code into a diagnostic
// (with a crash report file); the fuzz test turns it off so that crashes
// are found, not hidden. A crash inside compose-go is always an error about
// the file (loadProject).
var recoverPanics = true

// Options says what to import.
type Options struct {
	// Files are the Compose files, merged in order (the first is the base,
	// as `docker compose -f a.yaml -f b.yaml`).
	Files []string
	// Project names the project; empty: the file's `name`, else the
	// directory of the first file, as docker compose does.
	Project string
	// Profiles are the active Compose profiles: services of other profiles
	// are left out, as `docker compose up` leaves them.
	Profiles []string
	// Environ is the environment for interpolation (nil: none), before
	// the .env file next to the first Compose file.
	Environ []string
	// EnvFiles replace that .env file, as docker compose --env-file
	// does (sentry self-hosted: --env-file .env --env-file .env.custom);
	// later files override earlier ones.
	EnvFiles []string
	// Stdin is read for the file "-" (StdinFile); nil: os.Stdin.
	Stdin io.Reader
}

// Load reads the Compose files with compose-go. Its errors become
// diagnostics, at the line compose-go names when it names one.
func Load(ctx context.Context, o Options) (p *types.Project, src *Sources, diags hcl.Diagnostics) {
	if recoverPanics {
		defer func() {
			if r := recover(); r != nil {
				p, diags = nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Internal error reading the Compose file",
					Detail: fmt.Sprintf("berth crashed importing %s: %v. %s", strings.Join(o.Files, ", "), r, crash.Report("importing "+strings.Join(o.Files, ", "), r))})
			}
		}()
	}
	if len(o.Files) == 0 {
		return nil, nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "No Compose file", Detail: "Name the Compose file to import, for example `berth import compose.yaml`."}}
	}
	src, diags = readSources(o.Files, o.Stdin)
	src.dotEnv = o.EnvFiles
	for _, f := range o.EnvFiles {
		if _, err := os.Stat(f); err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read the env file",
				Detail: fmt.Sprintf("--env-file %s: %v. Name an env file that exists (relative to the working directory, as docker compose reads it), or leave --env-file out to read the .env beside the Compose file.", f, err)})
		}
	}
	if diags.HasErrors() {
		return nil, src, diags
	}
	opts := []cli.ProjectOptionsFn{
		cli.WithWorkingDirectory(filepath.Dir(o.Files[0])),
		cli.WithEnv(o.Environ),
		cli.WithEnvFiles(o.EnvFiles...),
		cli.WithDotEnv,
		cli.WithDefaultProfiles(o.Profiles...), // else COMPOSE_PROFILES, from the environment or .env, as docker compose does
		cli.WithResolvedPaths(true),
	}
	if o.Project != "" {
		opts = append(opts, cli.WithName(o.Project))
	}
	warnings := captureWarnings(func() error {
		po, err := cli.NewProjectOptions(o.Files, opts...)
		if err == nil {
			load := func() (err error) { p, err = loadProject(ctx, po); return err }
			if data, ok := src.Bytes[StdinFile]; ok {
				err = withStdin(data, load)
			} else {
				err = load()
			}
		}
		if err != nil {
			d := src.loadError(err)
			if m := requiredVarRE.FindStringSubmatch(err.Error()); m != nil {
				d.Detail += emptyVarNote(m[1], o)
			}
			if projectNameRE.MatchString(err.Error()) && o.Project != "" {
				d = badProjectFlag(o.Project)
			}
			diags = append(diags, d)
		}
		return err
	})
	if p != nil {
		src.addEnvFiles(p)
		if d := src.composeFileWarning(o.Files); d != nil && len(o.EnvFiles) == 0 {
			diags = append(diags, d)
		}
	}
	return p, src, append(diags, src.warnings(warnings)...)
}

// loadProject runs compose-go's loader. It panics on some malformed files
// (a secret or mount entry whose target is null, for one, in v2.16): that
// becomes an error about the file, not a crash of berth.
func loadProject(ctx context.Context, po *cli.ProjectOptions) (p *types.Project, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("the Compose loader (compose-go, as docker compose uses) failed on this file: %v. "+
				"It does so on some malformed entries, such as a list item whose target or source has no value: check the file with `docker compose config` and fill in what is missing", r)
		}
	}()
	return po.LoadProject(ctx)
}

// readSources reads every file once, for the locator and for the snippets
// of the diagnostics.
func readSources(files []string, stdin io.Reader) (*Sources, hcl.Diagnostics) {
	s := &Sources{Bytes: map[string][]byte{}}
	var diags hcl.Diagnostics
	for _, f := range files {
		if _, ok := s.Bytes[StdinFile]; ok && f == StdinFile {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Standard input named twice",
				Detail: "The Compose file \"-\" (standard input) can be given once: name the other files by their paths."})
			continue
		}
		var b []byte
		var err error
		if f == StdinFile {
			b, err = readStdin(stdin)
		} else {
			b, err = os.ReadFile(f)
		}
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read the Compose file", Detail: err.Error() + "." + composeFileHint(f)})
			continue
		}
		s.Files = append(s.Files, f)
		s.Bytes[f] = b
	}
	return s, diags
}

// defaultNames are the files docker compose reads from a directory, in
// its order of preference, and their overrides.
var defaultNames = []string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}

// composeFileHint names the Compose files that f's directory holds, or f
// itself when it is a directory: what the user may have meant.
func composeFileHint(f string) string {
	dir := filepath.Dir(f)
	if st, err := os.Stat(f); err == nil && st.IsDir() {
		dir = f
	}
	if files := dotEnvComposeFiles(dir); files != nil {
		return fmt.Sprintf(" Did you mean: berth import %s? (the files COMPOSE_FILE names in %s, which docker compose reads there)", strings.Join(files, " "), filepath.Join(dir, ".env"))
	}
	var found []string
	for _, n := range defaultNames {
		base := filepath.Join(dir, n)
		over := strings.TrimSuffix(base, filepath.Ext(n)) + ".override" + filepath.Ext(n)
		if _, err := os.Stat(base); err == nil {
			found = append(found, base)
			if _, err := os.Stat(over); err == nil {
				found = append(found, over)
			}
			break
		}
	}
	if len(found) == 0 {
		return " berth import reads Compose files (compose.yaml, docker-compose.yml), named on the command line."
	}
	return fmt.Sprintf(" Did you mean: berth import %s? (what docker compose reads in that directory)", strings.Join(found, " "))
}

var lineRE = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

// duplicateKeyRE is the YAML parser's error for a key written twice in a
// mapping: the line of the second, the key, the line of the first.
var duplicateKeyRE = regexp.MustCompile(`line (\d+): mapping key "([^"]*)" already defined at line (\d+)`)

// keyOnLine returns the range of key on line of file (its first column
// when the line does not hold it as written).
func (s *Sources) keyOnLine(file string, line int, key string) *hcl.Range {
	r := s.lineRange(file, line, 1)
	b := s.Bytes[file][r.Start.Byte:]
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if i := bytes.Index(b, []byte(key)); i >= 0 {
		return s.offsetRange(file, r.Start.Byte+i, len(key))
	}
	return &r
}

// loadError turns a compose-go error into a diagnostic; a YAML error
// names its line, which becomes the diagnostic's subject in the file it
// is found in (the first file when it cannot be told).
func (s *Sources) loadError(err error) *hcl.Diagnostic {
	msg := err.Error()
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid Compose file",
		Detail: strings.TrimSuffix(msg, ".") + ". berth reads Compose files with compose-go, as `docker compose config` does: fix the file until that command accepts it."}
	file := ""
	for _, f := range s.Files {
		if strings.Contains(msg, f) || strings.Contains(msg, filepath.Base(f)) {
			file = f
		}
	}
	if file == "" && len(s.Files) > 0 {
		file = s.Files[0]
	}
	// YAML errors name the problem's line last ("while parsing ... at line
	// 2, column 12: line 3: did not find ..."); the context's comes first.
	if all := lineRE.FindAllStringSubmatch(msg, -1); len(all) > 0 && file != "" {
		m := all[len(all)-1]
		line, _ := strconv.Atoi(m[1])
		col := 1
		if m[2] != "" {
			col, _ = strconv.Atoi(m[2])
		}
		d.Subject = s.lineRange(file, line, col).Ptr()
		if m := duplicateKeyRE.FindStringSubmatch(msg); m != nil {
			// the second key, not the first ("line 6: mapping key "A"
			// already defined at line 5")
			line, _ := strconv.Atoi(m[1])
			d.Subject = s.keyOnLine(file, line, m[2])
			d.Detail = fmt.Sprintf("%s. YAML allows a key once per mapping, and docker compose refuses the file too: remove one of the two %s (or merge them).",
				strings.TrimSuffix(msg, "."), m[2])
		}
	} else if m := keyRE.FindStringSubmatch(msg); m != nil && s.At(s.rejoin(keyPath(m[1]))...) != nil {
		d.Subject = s.At(s.rejoin(keyPath(m[1]))...)
	} else if r := s.subjectOf(msg); r != nil {
		d.Subject = r
	} else if file != "" {
		d.Detail = fmt.Sprintf("%s: %s", file, d.Detail)
	}
	s.unknownKey(d, msg)
	if m := remoteRE.FindStringSubmatch(msg); m != nil {
		ref := m[2]
		if r := s.textAt(ref); r != nil {
			d.Subject = r
		} else if url := regexp.MustCompile(`^([a-z]+):/([^/])`).ReplaceAllString(ref, "$1://$2"); s.textAt(url) != nil {
			ref, d.Subject = url, s.textAt(url) // the path was cleaned: https:/host
		}
		d.Summary = "Remote Compose file"
		d.Detail = fmt.Sprintf("%s is a remote file (a git repository, a URL or an OCI artifact), which docker compose fetches and berth import does not: it reads local files only. Fetch it (git clone, or docker compose config > local.yaml) and name the local file instead.", ref)
	}
	if all := requiredVarRE.FindAllStringSubmatch(msg, -1); all != nil {
		var names []string
		for _, m := range all {
			if n := "$" + m[1]; !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		d.Summary = "Required variable not set"
		envFile := "the .env file beside the Compose file"
		if len(s.dotEnv) > 0 {
			envFile = "the env file given with --env-file (" + strings.Join(s.dotEnv, ", ") + ")"
		}
		d.Detail = fmt.Sprintf("%s. The Compose file requires %s (${%s:?...}): set %s in the environment of berth import, or in %s, and import again.",
			strings.TrimSuffix(msg, "."), strings.Join(names, ", "), all[0][1], map[bool]string{true: "it", false: "them"}[len(names) == 1], envFile)
		// the use itself, not the list or key holding it (environment:)
		if r := s.textAt("${" + all[0][1] + ":?"); r != nil {
			d.Subject = r
		} else if r := s.textAt("${" + all[0][1] + "?"); r != nil {
			d.Subject = r
		}
	}
	if m := ipAddressRE.FindStringSubmatch(msg); m != nil && strings.Contains(m[1], ":") && !strings.HasPrefix(m[1], "[") {
		if net.ParseIP(m[1]) != nil {
			d.Detail = fmt.Sprintf("%s. An IPv6 address in a port's short syntax goes in brackets: \"[%s]:80:80\" (or use the long syntax, host_ip: %s).",
				strings.TrimSuffix(msg, "."), m[1], m[1])
		} else {
			// "80:80:80:80": a port with more parts than the syntax has,
			// whose front compose-go read as an address
			d.Detail = fmt.Sprintf("%s. A port in the short syntax is [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], as \"127.0.0.1:8080:80/tcp\", and %s is no IP address: remove the extra parts (or use the long syntax: target, published, host_ip).",
				strings.TrimSuffix(msg, "."), m[1])
		}
	}
	if m := distinctRE.FindStringSubmatch(msg); m != nil {
		d.Detail = fmt.Sprintf("%s. The service %q sets %s and %s to different values, which docker compose refuses too: keep one of them (berth imports either as resources).",
			strings.TrimSuffix(msg, "."), m[1], m[2], m[3])
	}
	if m := undefinedDepRE.FindStringSubmatch(msg); m != nil {
		if profiles := s.profilesOf(m[2]); len(profiles) > 0 {
			d.Detail += fmt.Sprintf(" %q is declared, but only in the profiles %s, which are not active: import with --profile %s (or COMPOSE_PROFILES set), as `docker compose up` needs it too.",
				m[2], strings.Join(profiles, ", "), profiles[0])
		}
	}
	return d
}

// requiredVarRE is compose-go's error for ${NAME:?message} (or ${NAME?...})
// when NAME is not set.
var requiredVarRE = regexp.MustCompile(`required variable (\S+) is missing a value`)

// undefinedDepRE is compose-go's error for a dependency that is not in
// the project: often one of a profile that is not active.
var undefinedDepRE = regexp.MustCompile(`service "?([^\s"]+)"? depends on undefined service "?([^\s":]+)`)

// profilesOf returns the profiles the service name is declared in, in
// any of the files (the last that lists them), or nil.
func (s *Sources) profilesOf(name string) []string {
	files := s.all()
	for i := len(files) - 1; i >= 0; i-- {
		_, val := findPair(s.tree(files[i]), []string{"services", name, "profiles"})
		if val == nil {
			continue
		}
		var out []string
		for _, n := range val.Content {
			if n.Value != "" {
				out = append(out, n.Value)
			}
		}
		return out
	}
	return nil
}

// keyRE finds the key an interpolation or validation error names
// ("error while interpolating services.web.ports.[]: ...").
var keyRE = regexp.MustCompile(`(?:interpolating |validating [^:]+: )([A-Za-z0-9_.\-\[\]]+)`)

// keyPath splits services.web.ports.[] into its keys, without the list
// markers.
func keyPath(dotted string) []string {
	var out []string
	for _, k := range strings.Split(dotted, ".") {
		if k != "" && k != "[]" {
			out = append(out, k)
		}
	}
	return out
}

// emptyVarNote says where the required variable name is set, but to an
// empty value (the environment, or the env files of --env-file, else the
// .env beside the first Compose file, as docker compose reads them), which
// ${NAME:?...} refuses as it refuses an unset one; "" when it is not set
// at all.
func emptyVarNote(name string, o Options) string {
	where := ""
	files, what := o.EnvFiles, ""
	if len(files) == 0 {
		files, what = []string{filepath.Join(filepath.Dir(o.Files[0]), ".env")}, "the .env file"
	}
	for _, f := range files { // the last that sets it wins
		if env, err := dotenv.Read(f); err == nil {
			if v, ok := env[name]; ok {
				where = ""
				if v == "" {
					where = "in " + cmp.Or(what, f)
				}
			}
		}
	}
	for _, kv := range o.Environ {
		if k, v, _ := strings.Cut(kv, "="); k == name {
			where = ""
			if v == "" {
				where = "in the environment"
			}
		}
	}
	if where == "" {
		return ""
	}
	return fmt.Sprintf(" $%s is set %s, but empty, which ${%s:?...} refuses too: give it a value.", name, where, name)
}

// remoteRE is compose-go's error for an include or extends of a remote
// file, which berth's loader takes for a path under the project: the
// working directory, then the reference as written.
var remoteRE = regexp.MustCompile(`open (\S*?/)?((?:git@|https?:/|oci:/|ssh:/|git:/)\S*?):? no such file`)

// projectNameRE is compose-go's error for a project name it refuses.
var projectNameRE = regexp.MustCompile(`invalid project name "`)

// badProjectFlag is the error for -p NAME that is no Compose project
// name: the flag's fault, not the file's (a name: in the file is
// normalized by compose-go, as docker compose does).
func badProjectFlag(name string) *hcl.Diagnostic {
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid project name",
		Detail: fmt.Sprintf("-p %q is not a Compose project name, which holds only lowercase letters, digits, dashes and underscores, and starts with a letter or digit.", name)}
	if n := loader.NormalizeProjectName(name); n != "" {
		d.Detail += fmt.Sprintf(" Pass -p %s, as docker compose would name it from a file.", n)
	}
	return d
}
