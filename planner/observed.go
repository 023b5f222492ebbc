package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
)

// Observed is one snapshot of everything a project owns in a backend, taken
// once by the backend (by label) before planning.
type Observed struct {
	Project   string              `json:"project"`
	Resources []*ObservedResource `json:"resources"`
	// Unfinished are resources an earlier apply deleted to replace them
	// and did not create again (it was interrupted or failed): missing,
	// they are berth's unfinished work, not drift.
	Unfinished []Address `json:"unfinished,omitempty"`
}

// ObservedResource is one object found in the engine, translated into the
// attribute space of the desired resources.
type ObservedResource struct {
	Resource
	// ID is the engine's id of the object (or its path for files).
	ID string `json:"id"`
	// ConfigHash is the io.berth.config-hash label: the hash of what berth
	// applied when it made the object.
	ConfigHash string `json:"config_hash"`
	// Defaults are the values the engine fills in where berth sets none
	// (an image's Cmd and Env). An attribute absent from both the desired
	// and the observed resource compares equal to its default, and so does
	// a desired value equal to the default that the engine reports absent.
	Defaults Attrs `json:"defaults,omitempty"`
	// Status is for people ("running", "running (healthy)", "exited (1)");
	// it is not compared. State that matters is an attribute.
	Status string `json:"status,omitempty"`
	// Unready says why an object whose attributes match is still not
	// serving as asked ("1/2 running; task p_api.2 failed: ...", "running
	// (unhealthy)"): no change of the spec's would fix it, so the plan
	// shows it beside its no-op. "" when it is ready or the backend cannot
	// tell.
	Unready string `json:"unready,omitempty"`
	// Notes explain observed attribute values, by attribute path, where
	// the backend knows more than the value says; the reason of a
	// difference carries its note.
	Notes map[string]AttrNote `json:"notes,omitempty"`
}

// AttrNote explains one observed value: Why is shown with the reason
// ("created, never started", "exited with code 1"). Unfinished says the
// difference is berth's own unfinished work, not a change made outside
// berth: a container berth created whose start failed (a port taken) is
// not drift, and starting it is repaired in place like drift is. Outside
// says the backend knows the value was changed outside berth, even for an
// attribute left out of the config hash (a container renamed by hand).
type AttrNote struct {
	Why        string `json:"why"`
	Unfinished bool   `json:"unfinished,omitempty"`
	Outside    bool   `json:"outside,omitempty"`
}

// Get returns the observed resource at addr, or nil.
func (o *Observed) Get(addr Address) *ObservedResource {
	for _, r := range o.Resources {
		if r.Address == addr {
			return r
		}
	}
	return nil
}

// Sort orders the resources by address.
func (o *Observed) Sort() {
	sort.Slice(o.Resources, func(i, j int) bool { return o.Resources[i].Address.Less(o.Resources[j].Address) })
}

// Fingerprint returns the hash of the whole snapshot: the address, id,
// recorded hash and attributes of every resource. Apply refuses a plan made
// against another fingerprint.
func (o *Observed) Fingerprint() string {
	fps := o.Fingerprints()
	keys := make([]string, 0, len(fps))
	for k := range fps {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k + "=" + fps[k] + "\n"))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Fingerprints returns the fingerprint of each resource by address, so a
// stale plan can say what changed.
func (o *Observed) Fingerprints() map[string]string {
	out := make(map[string]string, len(o.Resources))
	for _, r := range o.Resources {
		out[r.Address.String()] = r.Fingerprint()
	}
	return out
}

// Fingerprint returns the hash of one observed resource.
func (r *ObservedResource) Fingerprint() string {
	data, _ := json.Marshal(struct {
		ID    string `json:"id"`
		Hash  string `json:"hash"`
		Attrs Attrs  `json:"attrs"`
	}{r.ID, r.ConfigHash, r.Attrs})
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:16]
}
