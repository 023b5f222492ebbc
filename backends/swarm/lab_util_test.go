package swarm

import (
	"context"
	"net/http"

	"github.com/docker/docker/client"
)

type clientT = client.Client

func httpNewRequest(ctx context.Context, url string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
}
