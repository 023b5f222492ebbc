package lang

import (
	"runtime"
	"slices"
	"sync"

	"github.com/hashicorp/hcl/v2"
)

// minParallel is the number of blocks below which decoding stays on one
// goroutine.
const minParallel = 256

// fork returns a copy of st that collects its own diagnostics and side
// ranges, for decoding n of the blocks on another goroutine. Forks only
// read what st holds (the evaluation context, the for_each instances);
// join merges what they collected back, in order.
func (st *loadState) fork(n int) *loadState {
	c := *st
	c.diags = nil
	c.services = nil
	c.side = sideRanges{refs: make([]nameRef, 0, 2*n)} // a link names two services
	return &c
}

// join appends what the forks collected, in order.
func (st *loadState) join(forks []*loadState) {
	nd, nr, nt := 0, 0, 0
	for _, c := range forks {
		nd, nr, nt = nd+len(c.diags), nr+len(c.side.refs), nt+len(c.side.linkTimeouts)
	}
	st.diags = slices.Grow(st.diags, nd)
	st.side.refs = slices.Grow(st.side.refs, nr)
	st.side.linkTimeouts = slices.Grow(st.side.linkTimeouts, nt)
	for _, c := range forks {
		st.diags = append(st.diags, c.diags...)
		st.side.refs = append(st.side.refs, c.side.refs...)
		st.side.linkTimeouts = append(st.side.linkTimeouts, c.side.linkTimeouts...)
	}
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
		lo, hi := min(p*size, len(blocks)), min((p+1)*size, len(blocks))
		forks[p] = st.fork(hi - lo)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				out[i] = decode(forks[p], blocks[i])
			}
		}()
	}
	wg.Wait()
	st.join(forks)
	return out
}
