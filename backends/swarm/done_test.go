package swarm

import (
	"errors"
	"testing"

	"github.com/berth-dev/berth/backends"
)

// TestDoneMarksTheChangeMade: a service that swarm took but did not
// converge fails its step with a backends.MadeError, so apply counts the
// change; any other error is not one.
func TestDoneMarksTheChangeMade(t *testing.T) {
	err := done("updated", &notConverged{"not converged, 0/2 running"})
	var made *backends.MadeError
	var nc *notConverged
	if !errors.As(err, &made) || !errors.As(err, &nc) || err.Error() != "updated, but not converged, 0/2 running" {
		t.Errorf("done of a service not converged: %T %v", err, err)
	}
	if err := done("updated", errors.New("rpc error")); errors.As(err, &made) {
		t.Errorf("done of a failed call is a MadeError: %v", err)
	}
	if done("updated", nil) != nil {
		t.Error("done of nothing is an error")
	}
}
