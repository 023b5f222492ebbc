package planner

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A small backend for the tests: networks, secrets (create before destroy)
// and containers whose networks are repaired in place and whose memory is
// live, like the compose backend.
var testSchemas = map[string]Schema{
	"container": {Modes: map[string]Mode{"networks": ModeRepair, "memory": ModeLive},
		UnsetReplaces: map[string]string{"memory": "cannot lift it in place"}},
	"secret": {CreateBeforeDestroy: true},
}

func testSchema(typ string) Schema { return testSchemas[typ] }

func network(name string) *Resource {
	r := &Resource{Address: Address{"network", name}, Attrs: Attrs{}}
	r.Attrs.Set("driver", "bridge")
	return r
}

func secret(name, hash string) *Resource {
	r := &Resource{Address: Address{"secret", name}, Attrs: Attrs{}, Sensitive: []string{"content"}}
	r.Attrs.Set("content", hash)
	return r
}

// service returns n replicas of a container using the given networks.
func service(name string, n int, image string, nets ...string) []*Resource {
	var out []*Resource
	for i := 1; i <= n; i++ {
		r := &Resource{Address: Address{"container", Member(name, i)}, Group: name, Index: i, Attrs: Attrs{}}
		r.Attrs.Set("image", image)
		r.Attrs.Set("networks", nets)
		for _, nw := range nets {
			r.Deps = append(r.Deps, Dep{To: Address{"network", nw}, Kind: DepUses})
		}
		out = append(out, r)
	}
	return out
}

func startAfter(rs []*Resource, callee string, n int) []*Resource {
	for _, r := range rs {
		for i := 1; i <= n; i++ {
			r.Deps = append(r.Deps, Dep{To: Address{"container", Member(callee, i)}, Kind: DepStartAfter})
		}
	}
	return rs
}

func with(rs []*Resource, f func(*Resource)) []*Resource {
	for _, r := range rs {
		f(r)
	}
	return rs
}

func concat(groups ...[]*Resource) []*Resource {
	var out []*Resource
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func one(r *Resource) []*Resource { return []*Resource{r} }

// applied returns the snapshot an engine shows after applying desired to
// nothing.
func applied(t *testing.T, desired []*Resource) *Observed {
	t.Helper()
	p, err := Reconcile("test", testSchema, desired, &Observed{Project: "p"})
	if err != nil {
		t.Fatal(err)
	}
	return ApplyInMemory(&Observed{Project: "p"}, p, testSchema)
}

func edit(o *Observed, addr string, f func(*ObservedResource)) *Observed {
	for _, r := range o.Resources {
		if r.Address.String() == addr {
			f(r)
			return o
		}
	}
	panic("no " + addr)
}

func drop(o *Observed, addr string) *Observed {
	var keep []*ObservedResource
	for _, r := range o.Resources {
		if r.Address.String() != addr {
			keep = append(keep, r)
		}
	}
	o.Resources = keep
	return o
}

func TestReconcile(t *testing.T) {
	base := func() []*Resource {
		return concat(one(network("backend")),
			service("orders", 2, "shop/orders:1.3", "backend"),
			startAfter(service("gateway", 1, "shop/gateway:1", "backend"), "orders", 2))
	}
	tests := []struct {
		name     string
		desired  []*Resource
		observed func(t *testing.T) *Observed
		want     string
	}{
		{
			name:     "from nothing: network first, callees before callers",
			desired:  base(),
			observed: func(*testing.T) *Observed { return &Observed{} },
			want: `container.gateway[1]: create
  not found
container.orders[1]: create
  not found
container.orders[2]: create
  not found
network.backend: create
  not found
#1 create network.backend
#2 create container.orders[1] after #1
#3 create container.orders[2] after #1
#4 create container.gateway[1] after #1 #2 #3
`,
		},
		{
			name:     "applied: nothing to do",
			desired:  base(),
			observed: func(t *testing.T) *Observed { return applied(t, base()) },
			want:     "",
		},
		{
			name: "image change replaces, with the reason",
			desired: concat(one(network("backend")),
				service("orders", 2, "shop/orders:1.4", "backend"),
				startAfter(service("gateway", 1, "shop/gateway:1", "backend"), "orders", 2)),
			observed: func(t *testing.T) *Observed { return applied(t, base()) },
			want: `container.orders[1]: replace
  image: "shop/orders:1.3" → "shop/orders:1.4"
container.orders[2]: replace
  image: "shop/orders:1.3" → "shop/orders:1.4"
#1 delete container.orders[1]
#2 create container.orders[1] after #1
#3 delete container.orders[2]
#4 create container.orders[2] after #3
`,
		},
		{
			name: "scale up creates only the new replica",
			desired: concat(one(network("backend")),
				service("orders", 3, "shop/orders:1.3", "backend"),
				startAfter(service("gateway", 1, "shop/gateway:1", "backend"), "orders", 2)),
			observed: func(t *testing.T) *Observed { return applied(t, base()) },
			want: `container.orders[3]: create
  replicas: 2 → 3 (scale up)
#1 create container.orders[3]
`,
		},
		{
			name: "scale down deletes only the extra replica",
			desired: concat(one(network("backend")),
				service("orders", 1, "shop/orders:1.3", "backend"),
				startAfter(service("gateway", 1, "shop/gateway:1", "backend"), "orders", 1)),
			observed: func(t *testing.T) *Observed { return applied(t, base()) },
			want: `container.orders[2]: delete
  replicas: 2 → 1 (scale down)
#1 delete container.orders[2]
`,
		},
		{
			name: "a live attribute updates in place",
			desired: concat(one(network("backend")),
				with(service("orders", 2, "shop/orders:1.3", "backend"), func(r *Resource) { r.Attrs.Set("memory", 256) }),
				startAfter(service("gateway", 1, "shop/gateway:1", "backend"), "orders", 2)),
			observed: func(t *testing.T) *Observed { return applied(t, base()) },
			want: `container.orders[1]: update
  memory: (none) → 256B
container.orders[2]: update
  memory: (none) → 256B
#1 update container.orders[1]
#2 update container.orders[2]
`,
		},
		{
			name:    "a network removed by hand under unchanged containers is drift",
			desired: base(),
			observed: func(t *testing.T) *Observed {
				o := drop(applied(t, base()), "network.backend")
				for _, a := range []string{"container.orders[1]", "container.orders[2]", "container.gateway[1]"} {
					edit(o, a, func(r *ObservedResource) { r.Attrs.Set("networks", nil) })
				}
				return o
			},
			want: `container.gateway[1]: update
  networks: (none) → ["backend"] [changed outside berth]
container.orders[1]: update
  networks: (none) → ["backend"] [changed outside berth]
container.orders[2]: update
  networks: (none) → ["backend"] [changed outside berth]
network.backend: create
  not found while container.gateway[1] (unchanged since berth made it) uses it: removed outside berth [changed outside berth]
#1 create network.backend
#2 update container.orders[1] after #1
#3 update container.orders[2] after #1
#4 update container.gateway[1] after #1 #2 #3
`,
		},
		{
			name:    "a live attribute the engine cannot remove replaces",
			desired: base(),
			observed: func(t *testing.T) *Observed {
				return applied(t, concat(one(network("backend")),
					with(service("orders", 2, "shop/orders:1.3", "backend"), func(r *Resource) { r.Attrs.Set("memory", 256) }),
					startAfter(service("gateway", 1, "shop/gateway:1", "backend"), "orders", 2)))
			},
			want: `container.orders[1]: replace
  memory: 256B → (none) (cannot lift it in place)
container.orders[2]: replace
  memory: 256B → (none) (cannot lift it in place)
#1 delete container.orders[1]
#2 create container.orders[1] after #1
#3 delete container.orders[2]
#4 create container.orders[2] after #3
`,
		},
		{
			name:    "env edited outside berth is drift and replaces",
			desired: base(),
			observed: func(t *testing.T) *Observed {
				return edit(applied(t, base()), "container.orders[2]", func(r *ObservedResource) { r.Attrs.Set("env", map[string]string{"DEBUG": "1"}) })
			},
			want: `container.orders[2]: replace
  env.DEBUG: "1" → (none) [changed outside berth]
#1 delete container.orders[2]
#2 create container.orders[2] after #1
`,
		},
		{
			name:    "a network disconnected by hand is reconnected in place",
			desired: base(),
			observed: func(t *testing.T) *Observed {
				return edit(applied(t, base()), "container.gateway[1]", func(r *ObservedResource) { r.Attrs.Set("networks", nil) })
			},
			want: `container.gateway[1]: update
  networks: (none) → ["backend"] [changed outside berth]
#1 update container.gateway[1]
`,
		},
		{
			name:     "a replica removed from between others is drift",
			desired:  base(),
			observed: func(t *testing.T) *Observed { return drop(applied(t, base()), "container.orders[1]") },
			want: `container.orders[1]: create
  replica 1 not found while replica 2 exists: removed outside berth [changed outside berth]
#1 create container.orders[1]
`,
		},
		{
			name:    "a replica an apply deleted and did not create again is not drift",
			desired: base(),
			observed: func(t *testing.T) *Observed {
				o := drop(applied(t, base()), "container.orders[1]")
				o.Unfinished = []Address{{"container", "orders[1]"}}
				return o
			},
			want: `container.orders[1]: create
  deleted by an earlier berth apply that stopped before creating it again
#1 create container.orders[1]
`,
		},
		{
			name: "a replaced network replaces the containers on it, deletes first",
			desired: concat(one(with(one(network("backend")), func(r *Resource) { r.Attrs.Set("internal", true) })[0]),
				service("orders", 2, "shop/orders:1.3", "backend"),
				startAfter(service("gateway", 1, "shop/gateway:1", "backend"), "orders", 2)),
			observed: func(t *testing.T) *Observed { return applied(t, base()) },
			want: `container.gateway[1]: replace
  network.backend is replaced
container.orders[1]: replace
  network.backend is replaced
container.orders[2]: replace
  network.backend is replaced
network.backend: replace
  internal: (none) → true
#1 delete container.gateway[1]
#2 delete container.orders[1] after #1
#3 delete container.orders[2] after #1
#4 delete network.backend after #1 #2 #3
#5 create network.backend after #4
#6 create container.orders[1] after #2 #5
#7 create container.orders[2] after #3 #5
#8 create container.gateway[1] after #1 #5 #6 #7
`,
		},
		{
			name: "a container on two replaced networks names both",
			desired: concat(
				one(with(one(network("backend")), func(r *Resource) { r.Attrs.Set("internal", true) })[0]),
				one(with(one(network("edge")), func(r *Resource) { r.Attrs.Set("internal", true) })[0]),
				service("orders", 1, "shop/orders:1.3", "backend", "edge")),
			observed: func(t *testing.T) *Observed {
				return applied(t, concat(one(network("backend")), one(network("edge")),
					service("orders", 1, "shop/orders:1.3", "backend", "edge")))
			},
			want: `container.orders[1]: replace
  network.backend is replaced
  network.edge is replaced
network.backend: replace
  internal: (none) → true
network.edge: replace
  internal: (none) → true
#1 delete container.orders[1]
#2 delete network.backend after #1
#3 create network.backend after #2
#4 delete network.edge after #1
#5 create network.edge after #4
#6 create container.orders[1] after #1 #3 #5
`,
		},
		{
			name:     "destroy: callers, then callees, then their network",
			desired:  nil,
			observed: func(t *testing.T) *Observed { return applied(t, base()) },
			want: `container.gateway[1]: delete
  not in the spec
container.orders[1]: delete
  not in the spec
container.orders[2]: delete
  not in the spec
network.backend: delete
  not in the spec
#1 delete container.gateway[1]
#2 delete container.orders[1] after #1
#3 delete container.orders[2] after #1
#4 delete network.backend after #1 #2 #3
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Reconcile("test", testSchema, tt.desired, tt.observed(t))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, p.String()); diff != "" {
				t.Errorf("plan (-want +got):\n%s\ngot:\n%s", diff, p.String())
			}
		})
	}
}

func TestSecretRotationCreatesBeforeDestroy(t *testing.T) {
	p := secretRotationPlan(t, "test")
	want := `container.auth[1]: replace
  secrets.jwt: (sensitive) sha256:aaaaaaaaaaaa → (sensitive) sha256:bbbbbbbbbbbb
secret.jwt: replace
  content: (sensitive) sha256:aaaaaaaaaaaa → (sensitive) sha256:bbbbbbbbbbbb
#1 delete container.auth[1]
#2 create secret.jwt
#3 create container.auth[1] after #1 #2
#4 delete secret.jwt after #1 #2 #3
`
	if diff := cmp.Diff(want, p.String()); diff != "" {
		t.Errorf("plan (-want +got):\n%s", diff)
	}
	if got := p.JSON().ResourceChanges[1].Actions; !cmp.Equal(got, []string{"create", "delete"}) {
		t.Errorf("secret actions = %v, want [create delete]", got)
	}
}

func TestDefaultsSuppressImageValues(t *testing.T) {
	desired := with(service("web", 1, "nginx:1"), func(r *Resource) {
		r.Attrs.Set("env", map[string]string{"PATH": "/usr/bin", "MODE": "x"})
	})
	obs := applied(t, desired)
	// The engine reports the env without what equals the image's own.
	edit(obs, "container.web[1]", func(r *ObservedResource) {
		r.Attrs.Set("env", map[string]string{"MODE": "x"})
		r.Attrs.Set("command", nil)
		r.Defaults = Attrs{"env": map[string]string{"PATH": "/usr/bin", "LANG": "C"}, "command": []string{"nginx"}}
	})
	p, err := Reconcile("test", testSchema, desired, obs)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Empty() {
		t.Errorf("plan should be empty, got:\n%s", p)
	}
}

func TestDriftReport(t *testing.T) {
	desired := service("orders", 1, "shop/orders:1")
	obs := edit(applied(t, desired), "container.orders[1]", func(r *ObservedResource) { r.Attrs.Set("image", "evil:1") })
	p, err := Reconcile("test", testSchema, desired, obs)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Drift) != 1 {
		t.Fatalf("drift = %v, want one entry", p.Drift)
	}
	d := p.Drift[0]
	want := Reason{Attribute: "image", Before: "shop/orders:1", After: "evil:1", Action: Replace, Drift: true}
	if d.Kind != DriftChanged || !cmp.Equal(d.Attributes, []Reason{want}) {
		t.Errorf("drift = %+v, want %+v", d, want)
	}
	// A change of the spec is not drift, even where the engine differs.
	desired2 := service("orders", 1, "shop/orders:2")
	p2, _ := Reconcile("test", testSchema, desired2, obs)
	if len(p2.Drift) != 0 {
		t.Errorf("a spec change reported as drift: %+v", p2.Drift[0])
	}
}

func TestRenderFromJSON(t *testing.T) {
	mk := func(image, hash string, n int) []*Resource {
		s := secret("jwt", hash)
		return concat(one(network("backend")), one(s), with(service("orders", n, image, "backend"), func(r *Resource) {
			r.Attrs.Set("secrets", map[string]string{"jwt": hash})
			r.Sensitive = []string{"secrets.jwt"}
			r.Deps = append(r.Deps, Dep{To: s.Address, Kind: DepUses})
		}))
	}
	obs := applied(t, mk("shop/orders:1.3", "sha256:aaaaaaaaaaaa", 1))
	p, err := Reconcile("compose", testSchema, mk("shop/orders:1.4", "sha256:aaaaaaaaaaaa", 2), obs)
	if err != nil {
		t.Fatal(err)
	}
	p.Project = "shop"
	var b strings.Builder
	Render(&b, p.JSON(), RenderOptions{})
	want := `berth will perform the following actions on the compose project "shop":

  -/+ container.orders[1]        must be replaced
      image: "shop/orders:1.3" → "shop/orders:1.4"   # forces replacement
  +   container.orders[2]        will be created
      replicas: 1 → 2 (scale up)

Plan: 2 to add, 0 to change, 1 to destroy.
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("render (-want +got):\n%s", diff)
	}
}

// secretRotationPlan plans the rotation of the secret jwt that service
// auth uses (a create-before-destroy replacement) on backend.
func secretRotationPlan(t *testing.T, backend string) *Plan {
	t.Helper()
	mk := func(hash string) []*Resource {
		s := secret("jwt", hash)
		svc := with(service("auth", 1, "shop/auth:1"), func(r *Resource) {
			r.Attrs.Set("secrets", map[string]string{"jwt": hash})
			r.Sensitive = []string{"secrets.jwt"}
			r.Deps = append(r.Deps, Dep{To: s.Address, Kind: DepUses})
		})
		return concat(one(s), svc)
	}
	p, err := Reconcile(backend, testSchema, mk("sha256:bbbbbbbbbbbb"), applied(t, mk("sha256:aaaaaaaaaaaa")))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
