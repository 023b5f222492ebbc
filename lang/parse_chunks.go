package lang

import (
	"bytes"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Large files are parsed in chunks split between top-level blocks: the
// pieces parse in parallel, and small token buffers are much cheaper than
// one huge one. The split is a guess made without lexing (a line "}" at
// column 1 followed by a line starting with a letter); a wrong guess always
// leaves some construct unclosed at the end of a chunk, which is a parse
// error, and any error makes the whole file parse again the ordinary way.
//
// hcl's lexer appends its tokens (96 bytes each) one at a time, so a chunk
// allocates about five times its final token slice as the slice grows; in
// small chunks the growth stays in small size classes. On the 1,000-service
// benchmark, chunks of 4 KiB allocate 62 MB per load against 88 MB for
// chunks of 48 KiB (and 84 MB for one piece, which is also single-threaded).
const (
	chunkThreshold = 128 << 10 // files below this parse in one piece
	chunkSize      = 4 << 10   // aim for chunks at least this large
)

// chunk is a piece of a file and where it starts.
type chunk struct {
	src   []byte
	start hcl.Pos
}

// parseChunked parses src in chunks, or returns ok = false when the file
// is small, has no split points, or a chunk did not parse cleanly. As many
// workers as GOMAXPROCS take the chunks in turn.
func parseChunked(src []byte, name string) (*hcl.File, bool) {
	if len(src) < chunkThreshold {
		return nil, false
	}
	chunks := splitChunks(src)
	if len(chunks) < 2 {
		return nil, false
	}
	files := make([]*hcl.File, len(chunks))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(chunks) && !failed.Load(); i = int(next.Add(1) - 1) {
				f, diags := hclsyntax.ParseConfig(chunks[i].src, name, chunks[i].start)
				if diags.HasErrors() || len(f.Body.(*hclsyntax.Body).Attributes) > 0 {
					failed.Store(true)
				}
				files[i] = f
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		return nil, false
	}
	return mergeChunks(files, src), true
}

// splitChunks cuts src before top-level-looking block headers.
func splitChunks(src []byte) []chunk {
	var chunks []chunk
	start, startPos := 0, hcl.InitialPos
	line := 1
	prevClose := false // the previous line is exactly "}"
	for i := 0; i < len(src); {
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src) - i
		} else {
			end++
		}
		text := src[i : i+end]
		letter := len(text) > 0 && (text[0] >= 'a' && text[0] <= 'z' || text[0] >= 'A' && text[0] <= 'Z')
		if prevClose && letter && i-start >= chunkSize {
			chunks = append(chunks, chunk{src: src[start:i], start: startPos})
			start, startPos = i, hcl.Pos{Line: line, Column: 1, Byte: i}
		}
		t := bytes.TrimRight(text, "\r\n")
		if len(bytes.TrimSpace(t)) > 0 {
			prevClose = len(t) == 1 && t[0] == '}'
		}
		i += end
		line++
	}
	return append(chunks, chunk{src: src[start:], start: startPos})
}

// mergeChunks joins the bodies of the chunks into one file.
func mergeChunks(files []*hcl.File, src []byte) *hcl.File {
	first := files[0].Body.(*hclsyntax.Body)
	last := files[len(files)-1].Body.(*hclsyntax.Body)
	n := 0
	for _, f := range files {
		n += len(f.Body.(*hclsyntax.Body).Blocks)
	}
	body := &hclsyntax.Body{
		Attributes: hclsyntax.Attributes{},
		Blocks:     make(hclsyntax.Blocks, 0, n),
		SrcRange:   hcl.RangeBetween(first.SrcRange, last.SrcRange),
		EndRange:   last.EndRange,
	}
	for _, f := range files {
		body.Blocks = append(body.Blocks, f.Body.(*hclsyntax.Body).Blocks...)
	}
	return &hcl.File{Body: body, Bytes: src, Nav: chunkNav(files)}
}

// chunkNav gives the diagnostic writer the context ("in service x") of an
// offset from the chunk that holds it.
type chunkNav []*hcl.File

// ContextString implements the interface hcl's diagnostic writer looks for.
// The chunks are in file order, so the one holding offset is the first
// that ends at or after it.
func (n chunkNav) ContextString(offset int) string {
	i := sort.Search(len(n), func(i int) bool { return n[i].Body.(*hclsyntax.Body).SrcRange.End.Byte >= offset })
	if i == len(n) || offset < n[i].Body.(*hclsyntax.Body).SrcRange.Start.Byte {
		return ""
	}
	if cs, ok := n[i].Nav.(interface{ ContextString(int) string }); ok {
		return cs.ContextString(offset)
	}
	return ""
}
