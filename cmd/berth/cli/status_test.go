package cli

import (
	"strings"
	"testing"
)

// status cuts engine IDs to 12 characters like docker, but shows a name
// whole: a volume's ID is its name.
func TestStatusShowsWholeNames(t *testing.T) {
	hex := strings.Repeat("0123456789abcdef", 4)
	st := &statusJSON{Backend: "compose", Project: "docshop7", InSync: true, Resources: []statusResource{
		{Address: "volume.orders-data", Type: "volume", ID: "docshop7_orders-data", Status: "present"},
		{Address: "volume.x", Type: "volume", ID: hex[:20], Status: "present"},
		{Address: "network.backend", Type: "network", ID: "docshop7_backend_network"},
		{Address: "container.api[1]", Type: "container", ID: hex, Status: "running"},
		{Address: "service.api", Type: "service", ID: "m2s7bq0hn5xq6j3qbxnl0w9q7", Status: "running"},
	}}
	var b strings.Builder
	writeStatusText(&b, st)
	out := b.String()
	for _, want := range []string{
		"docshop7_orders-data\n", hex[:20] + "\n", "docshop7_backend_network\n",
		hex[:12] + "\n", "m2s7bq0hn5xq\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, hex) {
		t.Errorf("a container ID is shown whole:\n%s", out)
	}
}

// An object that matches the spec but does not serve is listed after the
// verdict, with why: "In sync" alone read as all is well.
func TestStatusListsUnready(t *testing.T) {
	st := &statusJSON{Backend: "swarm", Project: "p", InSync: true, Resources: []statusResource{
		{Address: "service.api", Type: "service", ID: "m2s7bq0hn5xq6j3qbxnl0w9q7", Status: "0/2 running, 2 failed",
			Unready: "0/2 running, 2 failed, last failure: task: non-zero exit (1)"},
		{Address: "service.db", Type: "service", ID: "x", Status: "1/1 running"},
	}}
	var b strings.Builder
	writeStatusText(&b, st)
	want := "In sync with the spec.\n\nNot ready: 1 object.\n  service.api: 0/2 running, 2 failed, last failure: task: non-zero exit (1)\n"
	if !strings.HasSuffix(b.String(), want) {
		t.Errorf("status ends:\n%s\nwant it to end:\n%s", b.String(), want)
	}
	st.Resources[0].Unready = ""
	b.Reset()
	writeStatusText(&b, st)
	if strings.Contains(b.String(), "Not ready") {
		t.Errorf("status of a ready project:\n%s", b.String())
	}
}
