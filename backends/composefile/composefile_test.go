package composefile

import (
	"bytes"
	"testing"
)

type svc struct {
	Image string `yaml:"image"`
}

func TestEncode(t *testing.T) {
	tests := []struct {
		name string
		file func() *File[*svc]
		want string
	}{
		{"empty maps are left out", func() *File[*svc] {
			f := New[*svc]("")
			f.Services["a"] = &svc{Image: "x"}
			return f
		}, "# h\nservices:\n  a:\n    image: x\n"},
		{"version and every top-level kind", func() *File[*svc] {
			f := New[*svc]("3.9")
			f.Services["a"] = &svc{Image: "x"}
			f.AddNetwork("back", &Network{Driver: "overlay", Attachable: true})
			f.AddVolume("v", &Volume{})
			f.AddSecret("s", &FileObj{Name: "p-s-0123abcd", External: true})
			f.AddConfig("c", &FileObj{File: "/etc/c"})
			return f
		}, "# h\nversion: \"3.9\"\nservices:\n  a:\n    image: x\nnetworks:\n  back:\n    driver: overlay\n    attachable: true\nvolumes:\n  v: {}\nsecrets:\n  s:\n    name: p-s-0123abcd\n    external: true\nconfigs:\n  c:\n    file: /etc/c\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.file().Encode(&buf, "# h\n"); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", buf.String(), tt.want)
			}
		})
	}
}

func TestEncodeEscapesDollars(t *testing.T) {
	type svc struct {
		Command []string          `yaml:"command"`
		Env     map[string]string `yaml:"environment"`
	}
	f := New[*svc]("")
	f.Services["db"] = &svc{Command: []string{"sh", "-c", `mysqladmin ping --password="$(cat /run/secrets/pw)"`}, Env: map[string]string{"A$": "${X}"}}
	var buf bytes.Buffer
	if err := f.Encode(&buf, ""); err != nil {
		t.Fatal(err)
	}
	want := "services:\n  db:\n    command:\n      - sh\n      - -c\n      - mysqladmin ping --password=\"$$(cat /run/secrets/pw)\"\n    environment:\n      A$: $${X}\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
