package graph

// HintRename marks a removed node and an added one of a merged graph as a
// likely rename (a review found them the same but for the name): each
// gets a last line naming the other ("renamed to accounts?", "renamed
// from users?"), so that the drawing does not show two unrelated
// services, one gone and one new. It reports whether both nodes were
// found, removed and added.
func (g *Graph) HintRename(oldID, newID string) bool {
	from, to := g.Node(oldID), g.Node(newID)
	if from == nil || to == nil || from.Status != StatusRemoved || to.Status != StatusAdded {
		return false
	}
	from.Hint = "renamed to " + to.Name + "?"
	to.Hint = "renamed from " + from.Name + "?"
	return true
}

// lines are the lines of a node's label: its name, its details and its
// hint.
func (n *Node) lines() []string {
	out := append([]string{n.Name}, n.Details...)
	if n.Hint != "" {
		out = append(out, n.Hint)
	}
	return out
}
