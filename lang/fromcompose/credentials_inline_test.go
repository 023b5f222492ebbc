package fromcompose

import (
	"context"
	"strings"
	"testing"
)

// The credentials of testdata/credcmd/.env, which the Compose file reads
// in commands and health checks as well as in environment, are nowhere in
// the imported source; the service whose env does not hold one is told
// to add it.
func TestCredentialsKeptOutOfCommands(t *testing.T) {
	p, src, diags := Load(context.Background(), Options{Files: []string{"testdata/credcmd/compose.yaml"}, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	out, _, cdiags := Convert(p, src, "testdata/credcmd")
	for _, secret := range []string{"topsecret-root", "redis-secret-1"} {
		if strings.Contains(string(out), secret) {
			t.Errorf("the source holds %q:\n%s", secret, out)
		}
	}
	var probe, pinger string
	for _, d := range cdiags {
		if strings.Contains(d.Detail, `The command of "probe"`) {
			probe = d.Detail
		}
		if strings.Contains(d.Detail, `The command of "pinger"`) {
			pinger = d.Detail
		}
	}
	// between single quotes, the quotes are closed around the reference
	if !strings.Contains(string(out), `"redis-cli -h cache -a ''\"$${REDIS_PASSWORD}\"'' ping"`) {
		t.Errorf("the pinger's reference is not out of its single quotes:\n%s", out)
	}
	if !strings.Contains(pinger, "The shell that runs the script expands it.") {
		t.Errorf("the pinger's warning: %q", pinger)
	}
	if !strings.Contains(probe, "No env key of the service holds REDIS_PASSWORD: add env REDIS_PASSWORD = var.redis_password.") {
		t.Errorf("the probe's warning does not say to add the env key: %q", probe)
	}
}
