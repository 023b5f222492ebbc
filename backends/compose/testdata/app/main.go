// Command app is the tiny program the compose backend's tests run in a
// FROM scratch image: an HTTP server on :8080 that answers /healthz and
// reports its name and environment at /, a probe mode for its own health
// check (the image has no wget), --cat FILE to read a file as the user it
// runs as, and --alloc MIB to hold that much memory. POST /sick makes
// /healthz fail.
package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "--cat" { // prints a file, as the user it runs as
		data, err := os.ReadFile(os.Args[2])
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.Write(data)
		os.Exit(0)
	}
	if len(os.Args) == 3 && os.Args[1] == "--alloc" { // holds that many MiB, touched
		n, _ := strconv.Atoi(os.Args[2])
		held := make([][]byte, n)
		for i := range held {
			held[i] = make([]byte, 1<<20)
			for j := 0; j < len(held[i]); j += 4096 {
				held[i][j] = 1
			}
		}
		time.Sleep(time.Hour)
		os.Exit(len(held))
	}
	if len(os.Args) == 3 && os.Args[1] == "--probe" {
		resp, err := http.Get(os.Args[2])
		if err != nil {
			os.Exit(1)
		}
		if resp.StatusCode != 200 { // the engine keeps what it says
			io.Copy(os.Stdout, resp.Body)
			os.Exit(1)
		}
		os.Exit(0)
	}
	mux := http.NewServeMux()
	var sick atomic.Bool // POST /sick: /healthz fails from then on
	mux.HandleFunc("POST /sick", func(w http.ResponseWriter, r *http.Request) { sick.Store(true) })
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if sick.Load() {
			http.Error(w, "sick on request", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		host, _ := os.Hostname()
		env := map[string]string{}
		for _, kv := range os.Environ() {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
		json.NewEncoder(w).Encode(map[string]any{"host": host, "env": env, "args": os.Args})
	})
	srv := &http.Server{Addr: ":8080", Handler: mux}
	go srv.ListenAndServe()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	<-sig
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
}
