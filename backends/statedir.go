package backends

import (
	"os"
	"path/filepath"
)

// EnvStateDir overrides the directory berth keeps its host-side files in:
// project locks and the files that secrets and configs are mounted from.
const EnvStateDir = "BERTH_STATE_DIR"

// StateDir returns $BERTH_STATE_DIR, else <user cache dir>/berth
// (~/.cache/berth), else <temp>/berth.
func StateDir() string {
	if d := os.Getenv(EnvStateDir); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "berth")
	}
	return filepath.Join(os.TempDir(), "berth")
}

// ProjectDir returns the state directory of one project.
func ProjectDir(project string) string { return filepath.Join(StateDir(), "projects", project) }
