package cli

import (
	"strings"
	"testing"
)

// The IDs of status's table line up when a status is longer than the
// column's 22 characters, as a swarm secret's versioned name always is
// ("shop_db_password-1ad600e0" ran into its ID).
func TestStatusIDsLineUp(t *testing.T) {
	st := &statusJSON{Backend: "swarm", Project: "shop", InSync: true, Resources: []statusResource{
		{Address: "network.backend", Type: "network", ID: "1wsq15mnuhcs36cu1zota1n01", Status: "swarm overlay"},
		{Address: "secret.db_password", Type: "secret", ID: "rvpjwgl92ygf0xpg6v4prkxl2", Status: "shop_db_password-1ad600e0"},
		{Address: "service.auth", Type: "service", ID: "e64ighlebm085qslgmedbte9x", Status: "2/2 running"},
	}}
	var b strings.Builder
	writeStatusText(&b, st)
	col := -1
	for _, id := range []string{"1wsq15mnuhcs", "rvpjwgl92ygf", "e64ighlebm08"} {
		for _, l := range strings.Split(b.String(), "\n") {
			i := strings.Index(l, id)
			if i < 0 {
				continue
			}
			if col >= 0 && i != col {
				t.Errorf("ID %s at column %d, the one before at %d:\n%s", id, i, col, b.String())
			}
			if i > 0 && l[i-1] != ' ' {
				t.Errorf("ID %s runs into the status:\n%s", id, b.String())
			}
			col = i
		}
	}
}
