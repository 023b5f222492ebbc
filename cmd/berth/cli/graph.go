package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/lang/graph"
)

func newGraphCmd() *cobra.Command {
	var sf specFlags
	var format string
	cmd := &cobra.Command{
		Use:   "graph [DIR]",
		Short: "Draw the services, links and queues of a spec (DOT or Mermaid)",
		Long: `Prints the graph of the spec in DIR (the working directory by default):
a node per service, labelled with replicas × workers and the fan-out of
each endpoint ("list_orders: auth → ∥{users (fallback), orders → products}":
→ runs in sequence, ∥{…} in parallel), a node per queue, and the clients
the loads come from. Each call edge carries its link's policy
("300ms ×3 cb": the timeout per attempt, the attempts, a circuit breaker);
an edge is dashed when the calls over it only degrade (a fallback) or
happen only sometimes, and dotted for a queue's publish and consume.

--format dot (the default, like terraform graph) is for Graphviz;
--format mermaid renders in GitHub markdown inside a mermaid code block.`,
		Example: `  berth graph examples/shop | dot -Tsvg > shop.svg
  berth graph examples/shop --format mermaid`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "dot" && format != "mermaid" {
				return fmt.Errorf("unknown --format %q: use dot or mermaid", format)
			}
			spec, err := loadSpec(cmd, specDir(args), &sf)
			if err != nil {
				return err
			}
			g := graph.New(spec)
			if format == "mermaid" {
				return g.WriteMermaid(cmd.OutOrStdout())
			}
			return g.WriteDOT(cmd.OutOrStdout())
		},
	}
	sf.register(cmd.Flags())
	cmd.Flags().StringVar(&format, "format", "dot", "dot | mermaid")
	return cmd
}
