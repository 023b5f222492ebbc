package lang

import (
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// People write berth after years of Compose, Terraform, Nomad and
// Kubernetes files, and reach for their words first: count = 3, ports =
// [...], resource "..." {}. hcl reports such a name as unsupported; the
// hints below add where berth says the same thing.

// foreignHints maps, per schema, a name from another tool to the sentence
// that says how berth writes it.
var foreignHints = map[*hcl.BodySchema]map[string]string{
	rootSchema: {
		"resource":  "berth has no resource blocks: a container is a service \"NAME\" {} block, a network a network block, a volume a volume block.",
		"data":      "berth has no data sources: read values with variable blocks, locals, or file() and jsondecode().",
		"module":    "berth has no modules: every *.berth.hcl file of the directory is part of one spec, and for_each or dynamic blocks repeat blocks.",
		"provider":  "berth has no providers: the backend is set in the berth block (backend = \"compose\" or \"swarm\") or with --backend.",
		"terraform": "berth's own settings live in the berth block: berth { project = \"...\" backend = \"compose\" }.",
		"output":    "berth has no outputs: berth status and berth plan -json report what runs.",
		"services":  "A spec declares each service in its own block: service \"web\" { image = \"...\" }. berth import converts a Compose file.",
		"job":       "berth has no jobs: declare each service in its own block, service \"web\" { replicas = 2 }.",
		"group":     "berth has no groups: declare each service in its own block, service \"web\" { replicas = 2 }.",
		"task":      "berth has no tasks: declare each service in its own block, service \"web\" { image = \"...\" }.",
	},
	serviceBlockSchema: {
		"count":            "A service runs replicas = N copies of itself; for_each makes several differently named services.",
		"instances":        "A service runs replicas = N copies of itself.",
		"scale":            "A service runs replicas = N copies of itself.",
		"ports":            "Each published port is a block: port { published = 8080  target = 80 }.",
		"expose":           "Services reach each other on their shared networks without publishing; to publish, write port { published = 8080  target = 80 }.",
		"environment":      "Environment variables are a map: env = { KEY = \"value\" }.",
		"volumes":          "Each mount is a block: mount { volume = volume.data  target = \"/data\" } (or source = \"./dir\" for a bind mount).",
		"healthcheck":      "The health check is a block: health { cmd = [\"CMD\", \"/probe\"]  interval = \"10s\" }.",
		"deploy":           "berth has no deploy block: replicas is an argument of the service, and resources, update, rollback, restart and placement are blocks of the service itself.",
		"cpus":             "Limits are set in a resources block: resources { cpus = 0.5  memory = \"256MiB\" }.",
		"memory":           "Limits are set in a resources block: resources { cpus = 0.5  memory = \"256MiB\" }.",
		"mem_limit":        "Limits are set in a resources block: resources { cpus = 0.5  memory = \"256MiB\" }.",
		"container_name":   "berth names containers <project>-<service>-<n>; a for_each service sets each instance's service name with name = \"...\".",
		"lifecycle":        "berth has no lifecycle block: berth plan shows every replacement before berth apply makes it.",
		"links":            "A service calls another with a call block in an endpoint, and a link \"caller\" \"callee\" {} block sets the policy of that edge.",
		"environment_file": "Read a file into env with env = merge(jsondecode(file(\"env.json\")), { ... }), or import the Compose file with berth import.",
		"env_file":         "Read a file into env with env = merge(jsondecode(file(\"env.json\")), { ... }), or import the Compose file with berth import.",
	},
	callBlockSchema:   linkPolicyHints,
	expectBlockSchema: percentileHints,
	sloBlockSchema:    percentileHints,
}

// didYouMeanSentence is hcl's suggestion by spelling, with its leading space.
var didYouMeanSentence = regexp.MustCompile(` Did you mean [^?]*\?`)

// percentileHints answer a latency percentile berth does not bound.
var percentileHints = func() map[string]string {
	m := map[string]string{}
	for _, p := range []string{"p75", "p80", "p95", "p98", "p9999", "p100", "max", "latency"} {
		m[p] = "berth bounds the latency at mean, p50, p90, p99 and p999; write the nearest of them."
	}
	return m
}()

// linkPolicyHints answer a policy written on a call: every call along one
// caller → callee edge shares the link's policy.
var linkPolicyHints = func() map[string]string {
	const where = "A call's policy is its edge's: write it in the link block of the caller and the callee, link \"CALLER\" \"CALLEE\" { %s }."
	m := map[string]string{}
	for name, example := range map[string]string{
		"timeout":         `timeout = "300ms"`,
		"retry":           `retry { attempts = 3 }`,
		"retries":         `retry { attempts = 3 }`,
		"circuit_breaker": `circuit_breaker { failure_rate = 0.5 }`,
		"bulkhead":        `bulkhead { max_concurrent = 10 }`,
		"load_balancing":  `load_balancing = "p2c"`,
		"latency":         `latency = "0.3ms"`,
	} {
		m[name] = strings.Replace(where, "%s", example, 1)
	}
	return m
}()

// hintForeignNames adds the berth way to each "Unsupported argument" or
// "Unsupported block type" among diags that names something another tool
// uses in a body of this schema, and otherwise, when hcl suggested no
// name, what the body takes.
func hintForeignNames(diags hcl.Diagnostics, body hcl.Body, schema *hcl.BodySchema) {
	hints := foreignHints[schema]
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return
	}
	for _, d := range diags {
		if d.Subject == nil {
			continue
		}
		var name string
		switch d.Summary {
		case "Unsupported argument":
			for n, a := range sb.Attributes {
				if a.NameRange == *d.Subject {
					name = n
				}
			}
		case "Unsupported block type":
			for _, b := range sb.Blocks {
				if b.TypeRange == *d.Subject {
					name = b.Type
				}
			}
		}
		switch h := hints[name]; {
		case h != "":
			// the hint is the berth way; a guess by spelling next to it
			// would point elsewhere (p95: "Did you mean p50?")
			d.Detail = didYouMeanSentence.ReplaceAllString(d.Detail, "") + " " + h
		case name != "" && !strings.Contains(d.Detail, "Did you mean"):
			d.Detail += " " + accepted(schema, d.Summary == "Unsupported block type")
		}
	}
}

// accepted lists what a body of schema takes, arguments or blocks.
func accepted(schema *hcl.BodySchema, blocks bool) string {
	var names []string
	if blocks {
		for _, b := range schema.Blocks {
			names = append(names, b.Type)
		}
		if len(names) == 0 {
			return "This block holds no blocks."
		}
		return "Blocks here: " + strings.Join(uniqueSorted(names), ", ") + "."
	}
	for _, a := range schema.Attributes {
		names = append(names, a.Name)
	}
	if len(names) == 0 {
		return "This block takes no arguments."
	}
	return "Arguments here: " + strings.Join(uniqueSorted(names), ", ") + "."
}

func uniqueSorted(names []string) []string {
	slices.Sort(names)
	return slices.Compact(names)
}
