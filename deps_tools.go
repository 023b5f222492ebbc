//go:build tools

// This file pins the modules the packages are built on, so that `go mod
// tidy` keeps them while the packages that import them are being written.
package berth

import (
	_ "github.com/compose-spec/compose-go/v2/loader"
	_ "github.com/docker/docker/client"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/hashicorp/hcl/v2/hclwrite"
	_ "github.com/pmezard/go-difflib/difflib"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "golang.org/x/term"
	_ "gonum.org/v1/gonum/stat/distuv"
	_ "gonum.org/v1/plot"
	_ "pgregory.net/rapid"
)
