package fromcompose

import (
	"maps"
	"slices"
)

// sections warns about the top-level sections berth has no block for,
// one warning per entry, at its key: jobs (tasks Compose runs on a
// schedule or by hand) and models (the AI models Docker Model Runner
// serves to the services).
func (c *converter) sections() {
	for _, name := range slices.Sorted(maps.Keys(c.p.Jobs)) {
		c.warn(c.src.At("jobs", name), "Job not carried into berth",
			"The job %q runs a container on a schedule or on demand (docker compose run); berth has no jobs, so it never runs. Run it with a scheduler (cron, a CI job) of its own.", name)
	}
	for _, name := range slices.Sorted(maps.Keys(c.p.Models)) {
		c.warn(c.src.At("models", name), "Model not carried into berth",
			"berth runs no models: Docker Model Runner does not pull or serve %q, and the services that use it get none of its endpoint variables. Run the model yourself and set those variables in the services' env.", name)
	}
}
