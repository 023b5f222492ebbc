package cli

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends/emulator"
)

// newEmulateCmd is the hidden command the emulator image runs: it plays one
// service from its compiled config until SIGTERM.
func newEmulateCmd() *cobra.Command {
	var configFile, listen, probe string
	cmd := &cobra.Command{
		Use:    "emulate",
		Hidden: true,
		Short:  "Play one service of a spec for real (run inside berth's emulator image)",
		Long: `emulate serves one service from its compiled config (the environment
variable ` + emulator.EnvConfig + `, or --config FILE holding the same text or plain
JSON): its endpoints over HTTP with the spec's workers, queue and service
time, and its downstream calls with the links' timeouts, retries, circuit
breakers and fallbacks. It runs until SIGTERM or SIGINT, then finishes the
requests in flight (8 s at most, inside docker stop's 10 s).

--probe URL only checks that URL answers 2xx and exits 0, or 1: it is the
health check of the FROM scratch image, which has no wget or curl.`,
		Example: `  berth emulate --config gateway.json --listen :8080
  berth emulate --probe http://127.0.0.1:8080/healthz`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if probe != "" {
				if err := emulator.Probe(context.Background(), probe); err != nil {
					return &exitError{code: ExitError, err: err}
				}
				return nil
			}
			return runEmulator(cmd, configFile, listen)
		},
	}
	f := cmd.Flags()
	f.StringVar(&configFile, "config", "", "read the compiled config from FILE instead of $"+emulator.EnvConfig)
	f.StringVar(&listen, "listen", "", "address to listen on (default :PORT of the config)")
	f.StringVar(&probe, "probe", "", "GET URL, exit 0 on 2xx and 1 otherwise (the image's health check)")
	return cmd
}

func runEmulator(cmd *cobra.Command, configFile, listen string) error {
	text := os.Getenv(emulator.EnvConfig)
	if configFile != "" {
		b, err := os.ReadFile(configFile)
		if err != nil {
			return fmt.Errorf("cannot read --config %s: %w", configFile, errors.Unwrap(err))
		}
		if text = string(b); strings.TrimSpace(text) == "" {
			// it said 'no emulator config: set BERTH_EMULATOR_CONFIG or pass --config FILE'
			return fmt.Errorf("--config %s is empty: give the file of a service's compiled config (berth export compose shows it in BERTH_EMULATOR_CONFIG)", configFile)
		}
	}
	if text == "" {
		return fmt.Errorf("no emulator config: set %s or pass --config FILE", emulator.EnvConfig)
	}
	cfg, err := emulator.Decode(text)
	if err != nil {
		return err
	}
	if listen == "" {
		listen = ":" + strconv.Itoa(cfg.Port)
	}
	srv, err := emulator.New(cfg, emulator.Options{Log: log.New(cmd.ErrOrStderr(), "", log.LstdFlags)})
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	return srv.ListenAndServe(ctx, listen)
}
