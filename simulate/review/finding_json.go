package review

import (
	"encoding/json"

	"github.com/berth-dev/berth/internal/jsonrange"
)

// MarshalJSON writes the finding with its range in the form every command
// uses (range.filename, range.start/end with line, column, byte), not
// hcl.Range's Go field names.
func (f Finding) MarshalJSON() ([]byte, error) {
	type plain Finding // without this method
	return json.Marshal(struct {
		plain
		Range *jsonrange.Range `json:"range,omitempty"`
	}{plain(f), jsonrange.From(f.Range)})
}
