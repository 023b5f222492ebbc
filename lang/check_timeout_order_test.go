package lang

import (
	"strings"
	"testing"
)

// TestTimeoutOrder: a service that waits for its callee at least as long
// as its own caller waits for it gets a warning at that timeout, naming
// the caller's; timeouts that shrink downstream get none.
func TestTimeoutOrder(t *testing.T) {
	// b's endpoint y waits 5s for d, longer than every a → b timeout
	// here, but a calls only b's endpoint x: never a warning.
	chain := func(ab, bc, retry string) string {
		return `
service "a" {
  endpoint "e" {
    call "b" {
      endpoint = "x"
    }
  }
}
service "b" {
  endpoint "x" {
    call "c" {}
  }
  endpoint "y" {
    call "d" {}
  }
}
service "c" {}
service "d" {}
link "a" "b" {
  timeout = "` + ab + `"
}
link "b" "c" {
  timeout = "` + bc + `"
  ` + retry + `
}
link "b" "d" {
  timeout = "5s"
}
`
	}
	tests := []struct {
		name, src string
		want      []string // the details' parts; none: no warning
	}{
		{"shrinking downstream", chain("300ms", "100ms", ""), nil},
		{"the reverse", chain("100ms", "1s", ""), []string{
			`"b" waits up to 1s for "c", but "a" gives up on "b" after 100ms (main.berth.hcl:20:13)`,
			`make "b" → "c" wait less than 100ms in all`}},
		{"equal", chain("1s", "1s", ""), []string{`"b" waits up to 1s for "c", but "a" gives up on "b" after 1s`}},
		{"retried timeouts add up", chain("250ms", "100ms", "retry {\n attempts = 3\n}"), []string{
			`"b" waits up to 300ms for "c" (3 attempts of 100ms)`}},
		{"retries that fit", chain("350ms", "100ms", "retry {\n attempts = 3\n}"), nil},
		{"timeouts not retried", chain("250ms", "100ms", "retry {\n attempts = 3\n on = [\"5xx\"]\n}"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": tt.src}, Options{})
			if diags.HasErrors() {
				t.Fatalf("load failed:\n%s", diagText(diags))
			}
			var got []string
			for _, d := range diags {
				if d.Summary == "Timeout longer than the caller's" {
					got = append(got, d.Detail)
					if d.Subject == nil || d.Subject.Start.Line != 23 {
						t.Errorf("the warning is at %v, want the timeout of link b c, line 23", d.Subject)
					}
				}
			}
			if tt.want == nil {
				if len(got) > 0 {
					t.Errorf("want no warning, got %q", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one warning, got %q", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got[0], w) {
					t.Errorf("the detail %q does not say %q", got[0], w)
				}
			}
		})
	}
}

// TestTimeoutOrderFleet: a link that names a for_each service is one link
// per instance with one range, so its inversion is one warning, not one
// per instance.
func TestTimeoutOrderFleet(t *testing.T) {
	src := `
service "front" {
  endpoint "e" {
    call "mid" {}
  }
}
service "mid" {
  endpoint "e" {
    call "shard-a" {}
    call "shard-b" {}
  }
}
service "shard" {
  for_each = toset(["a", "b"])
}
link "front" "mid" {
  timeout = "50ms"
}
link "mid" "shard" {
  timeout = "80ms"
}
`
	_, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
	n := 0
	for _, d := range diags {
		if d.Summary == "Timeout longer than the caller's" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want one warning for the for_each link, got %d:\n%s", n, diagText(diags))
	}
}

// TestTimeoutOrderClients: the clients of a load with a timeout are the
// entry's callers: a link of the entry that waits at least as long is
// warned about, naming the load; one the entered endpoint does not call,
// or one that fits, is not.
func TestTimeoutOrderClients(t *testing.T) {
	src := func(timeout, endpoint string) string {
		return `
service "gw" {
  endpoint "a" {
    call "x" {}
  }
  endpoint "b" {
    call "y" {}
  }
}
service "x" {}
service "y" {}
link "gw" "x" {
  timeout = "1s"
}
link "gw" "y" {
  timeout = "50ms"
}
load "l" {
  entry    = service.gw
  endpoint = "` + endpoint + `"
  rate     = 10
  timeout  = "` + timeout + `"
}
`
	}
	tests := []struct {
		name, timeout, endpoint string
		want                    string // "" = no warning
	}{
		{"clients give up first", "500ms", "a", `"gw" waits up to 1s for "x", but the clients of load "l" give up after 500ms (main.berth.hcl:18:1)`},
		{"another endpoint", "500ms", "b", ""},
		{"clients wait longer", "2s", "a", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": src(tt.timeout, tt.endpoint)}, Options{})
			if diags.HasErrors() {
				t.Fatalf("load failed:\n%s", diagText(diags))
			}
			var got []string
			for _, d := range diags {
				if d.Summary == "Timeout longer than the caller's" {
					got = append(got, d.Detail)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("want no warning, got %q", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("want one warning saying %q, got %q", tt.want, got)
			}
		})
	}
}
