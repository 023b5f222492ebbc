package fromcompose

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/hashicorp/hcl/v2"
)

// dotEnvComposeFiles returns the files that COMPOSE_FILE names in the .env
// file of dir, which docker compose reads there when given no -f
// (seafile's .env: COMPOSE_FILE='seafile-server.yml,caddy.yml', with
// COMPOSE_PATH_SEPARATOR=','), relative paths joined to dir; nil when
// .env does not set it.
func dotEnvComposeFiles(dir string) []string {
	env, err := dotenv.Read(filepath.Join(dir, ".env"))
	if err != nil || env["COMPOSE_FILE"] == "" {
		return nil
	}
	sep := env["COMPOSE_PATH_SEPARATOR"]
	if sep == "" {
		sep = string(os.PathListSeparator)
	}
	var files []string
	for _, f := range strings.Split(env["COMPOSE_FILE"], sep) {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if !filepath.IsAbs(f) {
			f = filepath.Join(dir, f)
		}
		files = append(files, f)
	}
	return files
}

// composeFileWarning warns when the .env beside the first file names, in
// COMPOSE_FILE, other files than the ones imported: what docker compose
// up runs in that directory is not what was imported.
func (s *Sources) composeFileWarning(files []string) *hcl.Diagnostic {
	if len(files) == 0 {
		return nil
	}
	dir := filepath.Dir(files[0])
	want := dotEnvComposeFiles(dir)
	if want == nil {
		return nil
	}
	abs := func(l []string) []string {
		out := make([]string, len(l))
		for i, f := range l {
			out[i], _ = filepath.Abs(f)
		}
		return out
	}
	if slices.Equal(abs(want), abs(files)) {
		return nil
	}
	d := &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "COMPOSE_FILE names other files",
		Detail: fmt.Sprintf("The .env file sets COMPOSE_FILE, so docker compose up (without -f) runs %s there; berth import read %s, the files on its command line. To import the same project: berth import %s.",
			strings.Join(want, ", "), strings.Join(files, ", "), strings.Join(want, " "))}
	envPath := s.display(filepath.Join(dir, ".env"))
	if _, ok := s.Bytes[envPath]; !ok {
		if b, err := os.ReadFile(envPath); err == nil {
			s.Bytes[envPath] = b
		}
	}
	if b := s.Bytes[envPath]; b != nil {
		for off := 0; off < len(b); {
			line := b[off:]
			if i := bytes.IndexByte(line, '\n'); i >= 0 {
				line = line[:i]
			}
			if t := bytes.TrimLeft(line, " \t"); bytes.HasPrefix(t, []byte("COMPOSE_FILE")) || bytes.HasPrefix(t, []byte("export COMPOSE_FILE")) {
				d.Subject = s.offsetRange(envPath, off+len(line)-len(t), len(t))
				break
			}
			off += len(line) + 1
		}
	}
	return d
}
