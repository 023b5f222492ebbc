# The shop: the architecture of the seed article, executable.
#
#   client ──▶ gateway ──▶ auth
#                 │
#                 ├──▶ users ──▶ users-db            ┐ in parallel
#                 └──▶ orders ──▶ orders-db           ┘
#                        then products ──▶ cache (miss: products-db)
#                 create_order ──▶ orders, publish order-events ──▶ mailer
#
# The project is split by concept; berth loads every *.berth.hcl file of
# the directory together, so the order of files and blocks does not matter:
#
#   main.berth.hcl      project, variables, networks, volumes, secrets
#   services.berth.hcl  the services, their capacity and endpoints; the queue
#   links.berth.hcl     timeouts, retries and circuit breakers of each edge
#   load.berth.hcl      the traffic, the failure scenarios and the SLO
#
# Try:
#   berth validate examples/shop
#   berth graph examples/shop --format mermaid
#   berth simulate examples/shop --scenario orders-replica-loss
#   berth simulate examples/shop --var orders_replicas=1  # is one enough?

berth {
  project = "shop"
  backend = "compose" # the node-loss scenario switches to swarm semantics
  nodes   = 3         # hosts the simulator spreads replicas over (swarm)

  defaults {
    # One-way network delay of every call whose link declares none. A
    # bridge or overlay hop on one machine costs about this much; measure
    # your own with `berth calibrate`.
    hop_latency = "0.2ms"
  }
}

variable "orders_replicas" {
  type        = number
  default     = 2
  description = "Replicas of the orders service. At peak one replica carries the load at 0.68 worker utilisation, so two survive the loss of one."

  validation {
    condition     = var.orders_replicas > 0
    error_message = "orders needs at least one replica."
  }
}

variable "log_level" {
  type    = string
  default = "info"
}

locals {
  common_env = {
    LOG_LEVEL = var.log_level
  }

  # The three stores are mysql-like: the same environment, each with its
  # own database name.
  db_env = merge(local.common_env, {
    MYSQL_PASSWORD_FILE = "/run/secrets/db_password"
  })
}

# Only the gateway faces clients. Everything else talks on an internal
# network with no route outside, as the article advises ("do not expose
# more ports than needed").
network "edge" {}

network "backend" {
  internal = true
}

# Each store keeps its data in a named volume, so a restarted container
# finds its tables again.
volume "users-data" {}
volume "orders-data" {}
volume "products-data" {}

# Mounted read-only at /run/secrets/db_password in the stores and in the
# services that connect to them. The value never appears in a plan.
secret "db_password" {
  file = "secrets/db_password.txt"
}
