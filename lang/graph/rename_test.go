package graph

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// renamedShop is the shop with products-db renamed to catalog-db (its
// call and link follow).
func renamedShop() *lang.Spec {
	s := shopSpec()
	db := s.Services["products-db"]
	delete(s.Services, "products-db")
	db.Name = "catalog-db"
	s.Services["catalog-db"] = db
	s.Services["products"].Endpoints[0].Flow = seq(call("cache", fallback("skip")), call("catalog-db", prob(0.2)))
	delete(s.Links, lang.LinkKey{From: "products", To: "products-db"})
	l := link("products", "catalog-db", 100*time.Millisecond, 0, false)
	s.Links[l.Key()] = l
	return s
}

// A rename a review found is drawn as one: the removed node and the
// added one each name the other, in DOT and Mermaid (testdata/rename.*).
// Only a removed and an added node can be hinted.
func TestHintRename(t *testing.T) {
	g := Merge(New(shopSpec()), New(renamedShop()))
	if g.HintRename("service.auth", "service.catalog-db") || g.HintRename("service.catalog-db", "service.products-db") {
		t.Error("hinted a pair that is not removed → added")
	}
	if !g.HintRename("service.products-db", "service.catalog-db") {
		t.Fatal("no hint for products-db → catalog-db")
	}
	if got := g.Node("service.products-db").Hint; got != "renamed to catalog-db?" {
		t.Errorf("removed node's hint %q", got)
	}
	if got := g.Node("service.catalog-db").Hint; got != "renamed from products-db?" {
		t.Errorf("added node's hint %q", got)
	}
	for ext, out := range map[string]string{"dot": g.DOT(), "mmd": g.Mermaid()} {
		if !strings.Contains(out, "renamed from products-db?") || !strings.Contains(out, "renamed to catalog-db?") {
			t.Errorf("%s lacks the hints:\n%s", ext, out)
		}
		checkGolden(t, filepath.Join("testdata", "rename."+ext), out)
	}
}
