package fromcompose

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestLoadErrorsPointAtTheFile: compose-go's errors that name no line
// still point at the key or value they are about.
func TestLoadErrorsPointAtTheFile(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"undefined network", "services:\n  a:\n    image: x\n    networks: [front]\n", "4:16"},
		{"undefined volume", "services:\n  a:\n    image: x\n    volumes:\n      - data:/data\n", "5:9"},
		{"undefined service", "services:\n  a:\n    image: x\n    depends_on: [b]\n", "4:18"},
		{"dependency cycle", "services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n", "4:5"},
		{"no image", "services:\n  a:\n    command: [x]\n", "2:3"},
		{"bad duration", "services:\n  a:\n    image: x\n    healthcheck:\n      test: [CMD, 'true']\n      interval: 5x\n", "6:7"},
		{"bad port", "services:\n  a:\n    image: x\n    ports: ['abc:80']\n", "4:14"},
		{"empty volume source", "services:\n  a:\n    image: x\n    command: cat /var/run/docker.sock\n    volumes:\n      - ${NOPE}:/var/run/docker.sock:ro\n", "6:16"},
		{"network_mode and networks", "services:\n  a:\n    image: x\n    networks: [n]\n    network_mode: bridge\nnetworks:\n  n:\n", "5:5"},
		{"missing env file", "services:\n  a:\n    image: x\n    env_file: ./missing.env\n", "4:17"},
		{"bad ip address", "services:\n  a:\n    image: x\n    ports:\n      - '80:80:80:80'\n", "5:10"},
		{"unequal port ranges", "services:\n  a:\n    image: x\n    ports:\n      - '8000-8005:9000-9002'\n", "5:10"},
		{"bad interpolation", "services:\n  a:\n    image: x\n    environment:\n      B: '${BAD'\n", "5:7"},
		{"negative scale", "services:\n  a:\n    image: x\n    scale: -1\n", "4:5"},
		{"bad interpolation in a dotted service", "services:\n  a.b:\n    image: x\n    environment:\n      B: '${BAD'\n", "5:7"},
		{"negative scale of a dotted service", "services:\n  meet.jitsi:\n    image: x\n    scale: -1\n", "4:5"},
		{"required variable in a dotted service", "services:\n  wazuh.master:\n    image: x\n    environment:\n      P: ${UNSET_P:?set it}\n", "5:10"},
		{"missing env file named in a comment first", "services:\n  a:\n    image: x\n    # the .env file holds the secrets\n    env_file:\n      - ./.env # 'not this .env'\n", "6:11"},
		{"key written twice", "services:\n  a:\n    image: x\n    environment:\n      A: 1\n      A: 2\n", "6:7"},
		{"bind without a source", "services:\n  a:\n    image: x\n    volumes:\n      - type: volume\n        source: v\n        target: /v\n      - type: bind\n        target: /x\nvolumes:\n  v:\n", "8:9"},
		{"limit set twice", "services:\n  a.b:\n    image: x\n    mem_limit: 512m\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n", "4:5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadYAML(t, tt.yaml)
			if !diags.HasErrors() {
				t.Fatal("no error")
			}
			d := diags.Errs()[0].(*hcl.Diagnostic)
			if d.Subject == nil {
				t.Fatalf("no position: %s", d.Detail)
			}
			if got := fmt.Sprintf("%d:%d", d.Subject.Start.Line, d.Subject.Start.Column); got != tt.want {
				t.Errorf("at %s, want %s (%s)", got, tt.want, d.Detail)
			}
		})
	}
}

// A dependency on a service of an inactive profile is compose-go's
// "depends on undefined service"; the error says which profile to
// activate.
func TestUndefinedDependencyNamesItsProfile(t *testing.T) {
	yaml := "services:\n  app:\n    image: x\n    depends_on: [db]\n  db:\n    image: y\n    profiles: [data, full]\n"
	path, diags := loadYAML(t, yaml)
	if !diags.HasErrors() {
		t.Fatal("no error")
	}
	d := diags.Errs()[0].(*hcl.Diagnostic)
	if !strings.Contains(d.Detail, "only in the profiles data, full") || !strings.Contains(d.Detail, "--profile data") {
		t.Errorf("detail does not name the profile: %s", d.Detail)
	}
	if _, _, diags := Load(context.Background(), Options{Files: []string{path}, Project: "p", Profiles: []string{"data"}}); diags.HasErrors() {
		t.Errorf("with --profile data: %s", diags.Error())
	}
}

// ${NAME:?message} without NAME set is an error at the use that says to
// set the variable, not to fix the file.
func TestRequiredVariable(t *testing.T) {
	yaml := "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD in .env}\n"
	path, diags := loadYAML(t, yaml)
	if !diags.HasErrors() {
		t.Fatal("no error")
	}
	d := diags.Errs()[0].(*hcl.Diagnostic)
	if d.Summary != "Required variable not set" || !strings.Contains(d.Detail, "set it in the environment of berth import, or in the .env file") ||
		!strings.Contains(d.Detail, "set DB_PASSWORD in .env") || strings.Contains(d.Detail, "fix the file") {
		t.Errorf("%s: %s", d.Summary, d.Detail)
	}
	if d.Subject == nil || d.Subject.Start.Line != 5 {
		t.Errorf("subject %v, want line 5", d.Subject)
	}
	if _, _, diags := Load(context.Background(), Options{Files: []string{path}, Project: "p", Environ: []string{"DB_PASSWORD=x"}}); diags.HasErrors() {
		t.Errorf("with DB_PASSWORD set: %s", diags.Error())
	}
	// set, but empty (graylog's .env.example: GRAYLOG_PASSWORD_SECRET=""):
	// the error says where, not only "set it"
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), ".env"), []byte("DB_PASSWORD=\"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, diags = Load(context.Background(), Options{Files: []string{path}, Project: "p"})
	if !diags.HasErrors() || !strings.Contains(diags.Errs()[0].(*hcl.Diagnostic).Detail, "$DB_PASSWORD is set in the .env file, but empty") {
		t.Errorf("DB_PASSWORD empty in .env: %s", diags.Error())
	}
	_, _, diags = Load(context.Background(), Options{Files: []string{path}, Project: "p", Environ: []string{"DB_PASSWORD="}})
	if !diags.HasErrors() || !strings.Contains(diags.Errs()[0].(*hcl.Diagnostic).Detail, "$DB_PASSWORD is set in the environment, but empty") {
		t.Errorf("DB_PASSWORD empty in the environment: %s", diags.Error())
	}
}

// A directory, or a file that is not there, names the Compose files the
// directory holds, as docker compose would read them.
func TestReadErrorsNameTheComposeFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"docker-compose.yml", "docker-compose.override.yml"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("services: {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := "berth import " + filepath.Join(dir, "docker-compose.yml") + " " + filepath.Join(dir, "docker-compose.override.yml") + "?"
	for _, arg := range []string{dir, filepath.Join(dir, "compose.yaml")} {
		_, _, diags := Load(context.Background(), Options{Files: []string{arg}, Project: "p"})
		if !diags.HasErrors() || !strings.Contains(diags[0].Detail, want) {
			t.Errorf("import %s: %v, want a detail with %q", arg, diags, want)
		}
	}
	empty := t.TempDir()
	_, _, diags := Load(context.Background(), Options{Files: []string{empty}, Project: "p"})
	if !diags.HasErrors() || !strings.Contains(diags[0].Detail, "berth import reads Compose files") {
		t.Errorf("import of an empty directory: %v", diags)
	}
}

// loadYAML imports a compose.yaml holding yaml as project p, and returns
// the file's path and the diagnostics.
func loadYAML(t *testing.T, yaml string) (string, hcl.Diagnostics) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "compose.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, diags := Load(context.Background(), Options{Files: []string{path}, Project: "p"})
	return path, diags
}

// A port's host IP that comes from .env (Mailu's BIND_ADDRESS6=::1 in
// "$BIND_ADDRESS6:80:80") is not in the Compose file: the error points
// at the .env line and says how to write an IPv6 address.
func TestInvalidAddressFromDotEnv(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "docker-compose.yml")
	if err := os.WriteFile(path, []byte("services:\n  front:\n    image: mailu/nginx\n    ports:\n    - \"$BIND_ADDRESS6:80:80\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("# listen on\nBIND_ADDRESS4=127.0.0.1\nBIND_ADDRESS6=::1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, diags := Load(context.Background(), Options{Files: []string{path}, Project: "p"})
	if !diags.HasErrors() {
		t.Fatal("no error")
	}
	d := diags.Errs()[0].(*hcl.Diagnostic)
	if d.Subject == nil || filepath.Base(d.Subject.Filename) != ".env" || d.Subject.Start.Line != 3 || d.Subject.Start.Column != 15 {
		t.Errorf("subject %v, want .env:3:15", d.Subject)
	}
	if !strings.Contains(d.Detail, `"[::1]:80:80"`) {
		t.Errorf("no hint: %s", d.Detail)
	}
}

// A port with more parts than the short syntax has ("80:80:80:80"),
// whose front compose-go reads as an address, is not taken for an IPv6
// address without brackets: berth told to write "[80:80]:80:80".
func TestPortWithTooManyParts(t *testing.T) {
	_, diags := loadYAML(t, "services:\n  web:\n    image: nginx\n    ports:\n      - \"80:80:80:80\"\n")
	if !diags.HasErrors() {
		t.Fatal("no error")
	}
	d := diags.Errs()[0].(*hcl.Diagnostic)
	if strings.Contains(d.Detail, "IPv6") || !strings.Contains(d.Detail, "[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]") {
		t.Errorf("detail: %s", d.Detail)
	}
	if d.Subject == nil || d.Subject.Start.Line != 5 {
		t.Errorf("subject %v, want line 5", d.Subject)
	}
}

// Required variables in a list-form environment (netbird's metrics
// stack): the error points at the first ${NAME:?...} itself, not at
// environment:, and names every variable that is missing.
func TestRequiredVariablesInAList(t *testing.T) {
	yaml := "services:\n  grafana:\n    image: grafana/grafana\n    environment:\n      - GF_SECURITY_ADMIN_USER=${GRAFANA_ADMIN_USER:-admin}\n      - GF_SECURITY_ADMIN_PASSWORD=${GRAFANA_ADMIN_PASSWORD:?required}\n  influxdb:\n    image: influxdb:2\n    environment:\n      - DOCKER_INFLUXDB_INIT_PASSWORD=${INFLUXDB_ADMIN_PASSWORD:?required}\n"
	_, diags := loadYAML(t, yaml)
	if !diags.HasErrors() {
		t.Fatal("no error")
	}
	d := diags.Errs()[0].(*hcl.Diagnostic)
	if d.Subject == nil || d.Subject.Start.Line != 6 || d.Subject.Start.Column != 36 {
		t.Errorf("subject %v, want 6:36", d.Subject)
	}
	if !strings.Contains(d.Detail, "requires $GRAFANA_ADMIN_PASSWORD, $INFLUXDB_ADMIN_PASSWORD (") {
		t.Errorf("detail does not name both variables: %s", d.Detail)
	}
}

// A key the Compose specification does not have points at the key and
// names the one likely meant.
func TestUnknownKeys(t *testing.T) {
	tests := []struct{ name, yaml, at, detail string }{
		{"service key", "services:\n  a:\n    image: x\n    enviroment:\n      A: 1\n", "4:5", `Did you mean "environment"?`},
		{"top level", "servics:\n  a:\n    image: x\n", "1:1", `Did you mean "services"?`},
		{"deploy key", "services:\n  web.1:\n    image: x\n    deploy:\n      resources:\n        limit:\n          cpus: '1'\n", "6:9", `Did you mean "limits"?`},
		{"no likely key", "services:\n  a:\n    image: x\n    frobnicate: 1\n", "4:5", "name it x-frobnicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadYAML(t, tt.yaml)
			if !diags.HasErrors() {
				t.Fatal("no error")
			}
			d := diags.Errs()[0].(*hcl.Diagnostic)
			if d.Subject == nil {
				t.Fatalf("no position: %s", d.Detail)
			}
			if got := fmt.Sprintf("%d:%d", d.Subject.Start.Line, d.Subject.Start.Column); got != tt.at {
				t.Errorf("at %s, want %s (%s)", got, tt.at, d.Detail)
			}
			if !strings.Contains(d.Detail, tt.detail) {
				t.Errorf("detail lacks %q: %s", tt.detail, d.Detail)
			}
		})
	}
}

// -p with a name Compose refuses is the flag's error, with the name to
// pass, not "fix the file".
func TestInvalidProjectFlag(t *testing.T) {
	path, _ := loadYAML(t, "services:\n  a:\n    image: x\n")
	_, _, diags := Load(context.Background(), Options{Files: []string{path}, Project: "My Shop.2"})
	if !diags.HasErrors() {
		t.Fatal("no error")
	}
	d := diags.Errs()[0].(*hcl.Diagnostic)
	if d.Summary != "Invalid project name" || !strings.Contains(d.Detail, "Pass -p myshop2") || strings.Contains(d.Detail, "fix the file") {
		t.Errorf("%s: %s", d.Summary, d.Detail)
	}
}

// An include of a git repository, which docker compose fetches, is an
// error that says berth reads local files, at the include.
func TestRemoteInclude(t *testing.T) {
	_, diags := loadYAML(t, "include:\n  - git@github.com:docker/awesome-compose.git#master:nginx-golang/compose.yaml\nservices:\n  a:\n    image: x\n")
	if !diags.HasErrors() {
		t.Fatal("no error")
	}
	d := diags.Errs()[0].(*hcl.Diagnostic)
	if d.Summary != "Remote Compose file" || !strings.Contains(d.Detail, "git@github.com:docker/awesome-compose.git#master:nginx-golang/compose.yaml is a remote file") {
		t.Errorf("%s: %s", d.Summary, d.Detail)
	}
	if d.Subject == nil || d.Subject.Start.Line != 2 || d.Subject.Start.Column != 5 {
		t.Errorf("subject %v, want 2:5", d.Subject)
	}
	_, diags = loadYAML(t, "services:\n  a:\n    extends:\n      file: https://example.com/base.yaml\n      service: b\n")
	d = diags.Errs()[0].(*hcl.Diagnostic)
	if d.Summary != "Remote Compose file" || !strings.Contains(d.Detail, "https://example.com/base.yaml is a remote file") || d.Subject == nil || d.Subject.Start.Line != 4 {
		t.Errorf("%s at %v: %s", d.Summary, d.Subject, d.Detail)
	}
}

// seafile's .env names the Compose files docker compose reads
// (COMPOSE_FILE='seafile-server.yml,caddy.yml'): importing the directory
// suggests them, and importing only one of them warns at that line.
func TestComposeFileFromDotEnv(t *testing.T) {
	dir := t.TempDir()
	for f, body := range map[string]string{
		"seafile-server.yml": "services:\n  seafile:\n    image: seafileltd/seafile-mc:12.0-latest\n",
		"caddy.yml":          "services:\n  caddy:\n    image: lucaslorentz/caddy-docker-proxy:2.9-alpine\n",
		".env":               "# components\nCOMPOSE_FILE='seafile-server.yml,caddy.yml'\nCOMPOSE_PATH_SEPARATOR=','\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	both := filepath.Join(dir, "seafile-server.yml") + " " + filepath.Join(dir, "caddy.yml")
	_, _, diags := Load(context.Background(), Options{Files: []string{dir}, Project: "p"})
	if !diags.HasErrors() || !strings.Contains(diags[0].Detail, "Did you mean: berth import "+both+"?") {
		t.Errorf("import of the directory: %v", diags)
	}
	_, _, diags = Load(context.Background(), Options{Files: []string{filepath.Join(dir, "seafile-server.yml")}, Project: "p"})
	var found bool
	for _, d := range diags {
		if d.Summary == "COMPOSE_FILE names other files" {
			found = true
			if d.Subject == nil || filepath.Base(d.Subject.Filename) != ".env" || d.Subject.Start.Line != 2 || !strings.Contains(d.Detail, "berth import "+both+".") {
				t.Errorf("at %v: %s", d.Subject, d.Detail)
			}
		}
	}
	if !found {
		t.Errorf("no COMPOSE_FILE warning: %v", diags)
	}
	_, _, diags = Load(context.Background(), Options{Files: strings.Fields(both), Project: "p"})
	for _, d := range diags {
		if d.Summary == "COMPOSE_FILE names other files" {
			t.Errorf("warned though the files are COMPOSE_FILE's: %s", d.Detail)
		}
	}
}
