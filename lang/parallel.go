package lang

import (
	"maps"
	"runtime"
	"sync"

	"github.com/hashicorp/hcl/v2"
)

// minParallel is the number of blocks below which decoding stays on one
// goroutine.
const minParallel = 256

// fork returns a copy of st that collects its own diagnostics and side
// ranges, for decoding a share of the blocks on another goroutine. Forks
// only read what st holds (the evaluation context, the for_each
// instances); join merges what they collected back, in order.
func (st *loadState) fork() *loadState {
	c := *st
	c.diags = nil
	c.services = nil
	c.side = sideRanges{linkTimeout: map[LinkKey]hcl.Range{}}
	return &c
}

func (st *loadState) join(c *loadState) {
	st.diags = append(st.diags, c.diags...)
	st.side.refs = append(st.side.refs, c.side.refs...)
	maps.Copy(st.side.linkTimeout, c.side.linkTimeout)
}

// decodeAll decodes blocks in order with decode, on as many goroutines as
// GOMAXPROCS allows when there are many. The results and diagnostics come
// out in the order of blocks either way.
func decodeAll[T any](st *loadState, blocks []*hcl.Block, decode func(*loadState, *hcl.Block) T) []T {
	out := make([]T, len(blocks))
	parts := runtime.GOMAXPROCS(0)
	if parts < 2 || len(blocks) < minParallel {
		for i, b := range blocks {
			out[i] = decode(st, b)
		}
		return out
	}
	size := (len(blocks) + parts - 1) / parts
	forks := make([]*loadState, parts)
	var wg sync.WaitGroup
	for p := range forks {
		forks[p] = st.fork()
		lo, hi := min(p*size, len(blocks)), min((p+1)*size, len(blocks))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				out[i] = decode(forks[p], blocks[i])
			}
		}()
	}
	wg.Wait()
	for _, f := range forks {
		st.join(f)
	}
	return out
}
