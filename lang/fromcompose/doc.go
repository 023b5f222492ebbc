// Package fromcompose owns `berth import`: it reads a Compose file (with
// compose-go, the Compose specification's own loader: interpolation,
// .env, extends, profiles and merged overrides included) and writes the
// same project as berth source (with hclwrite), one service block per
// Compose service and the networks, volumes, secrets and configs they use.
//
// What berth's language cannot carry (build, privileged, cap_add, devices,
// external networks and so on) is never dropped silently: each is a
// warning that points at the key in the Compose file. The output is
// formatted and, once written, validates with `berth validate`.
package fromcompose
