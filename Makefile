# berth's two entry points: `make test` runs every test against a real
# Docker engine (installed and started if needed, stopped afterwards);
# `make build` builds a static berth binary (CGO_ENABLED=0, so the emulator
# image can be FROM scratch).
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X github.com/berth-dev/berth/cmd/berth/cli.Version=$(VERSION)

.PHONY: build test test-short bench bench-simpy bench-compose fuzz fmt vet

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/berth ./cmd/berth

# Everything, with the Docker engine (and swarm lab) the tests need.
test:
	./scripts/test.sh

# Unit tests only: no Docker engine is started (Docker tests skip).
test-short:
	$(GO) test -short ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The simulator against SimPy (M/M/4, rho = 0.9), round after round in one
# run; needs /usr/bin/python3 with python3-simpy3 and the anchors' script.
bench-simpy:
	./scripts/bench-simpy.sh 5

# berth apply / no-op apply / plan against Debian's docker-compose on the
# same engine, ROUNDS rounds interleaved (docs/benchmarks.md); the engine
# must answer (scripts/docker-up.sh). The table also goes to .tmp/bench-compose.txt.
ROUNDS ?= 5
bench-compose:
	mkdir -p .tmp
	BERTH_BENCH=1 BERTH_BENCH_ROUNDS=$(ROUNDS) BERTH_BENCH_OUT=$(CURDIR)/.tmp/bench-compose.txt \
		$(GO) test ./backends/compose -run '^TestBenchVersusCompose$$' -count=1 -v -timeout 90m

fuzz:
	$(GO) test ./lang -run '^$$' -fuzz FuzzLoad -fuzztime 10m

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...
