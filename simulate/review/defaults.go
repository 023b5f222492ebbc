package review

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/berth-dev/berth/planner"
)

// A created (or deleted) block has every attribute of its kind, most of
// them defaults its author never wrote (a service's restart, update and
// queue settings). The review marks those (AttrChange.Default), and the
// comment and the text show what the block writes first and the defaults
// apart, so that a pull request's new service reads as its author wrote
// it.

// markDefaults marks the attributes a change brings or takes away that
// the source of their block does not write: every attribute of a created
// block (in newSrc) or a deleted one (in oldSrc), and the attributes an
// update adds (a retry block written with only attempts brings its
// backoff, base and cap) or removes (a circuit breaker removed takes its
// defaults with it). old and new are the resource on each side (nil when
// absent).
func (c *Change) markDefaults(old, new *resource, oldSrc, newSrc *sources) {
	for i, a := range c.Attributes {
		switch {
		case c.Action == planner.Create || c.Action == planner.Update && a.Before == nil && a.After != nil:
			c.Attributes[i].Default = notWritten(new, newSrc, a.Attribute, a.After)
		case c.Action == planner.Delete || c.Action == planner.Update && a.After == nil && a.Before != nil:
			c.Attributes[i].Default = notWritten(old, oldSrc, a.Attribute, a.Before)
		}
	}
}

// notWritten reports whether the source of r's block (in src) does not
// write the attribute at path, whose value is value. A block the source
// does not hold at all (berth's project block when none is written)
// writes nothing; one declared somewhere src cannot find is taken as
// writing everything.
func notWritten(r *resource, src *sources, path string, value any) bool {
	if src == nil {
		return false
	}
	b := src.blockOf(r.block, r.Range)
	if b == nil {
		return r.Range.Filename == ""
	}
	return !implied(b.Body, path) && !bodyWrites(b.Body, strings.Split(path, "."), value)
}

// implied reports whether the block writes the attribute through another:
// a secret's or config's content through the file it names, a for_each
// instance's key and block name through its for_each.
func implied(body *hclsyntax.Body, attr string) bool {
	switch attr {
	case "content":
		return body.Attributes["file"] != nil
	case "key", "block_name":
		return body.Attributes["for_each"] != nil
	}
	return false
}

// bodyWrites reports whether the body writes the attribute at the
// flattened path, whose value is value, as an attribute of its own or of
// the nested blocks on the way ("capacity.workers",
// "endpoints.get.flow.call.db.fallback"), or as the label of its nested
// block (a fault's kind: fault "slow" {}) or the type of a block (a
// load's profile kind: ramp {}). An endpoint's flow is written
// by the endpoint block itself (its calls); a block that a dynamic block
// makes counts as written, since it is not in the source as such.
func bodyWrites(body *hclsyntax.Body, segs []string, value any) bool {
	end := followPath(body, hcl.Range{}, segs)
	label, _ := value.(string)
	switch {
	case end.attr != nil || end.flow:
		return true
	case end.missing == segs[len(segs)-1] && label != "" && (slices.Contains(end.labels, label) || hasBlock(end.body, label)):
		return true
	case end.missing == "call": // calls nest in parallel and sequence blocks
		return hasDynamic(end.body, "")
	case end.missing != "":
		return hasDynamic(end.body, end.missing)
	}
	return false
}

// hasBlock reports whether the body holds a block of the type typ.
func hasBlock(body *hclsyntax.Body, typ string) bool {
	for _, b := range body.Blocks {
		if b.Type == typ {
			return true
		}
	}
	return false
}

// hasDynamic reports whether the body holds a dynamic block making blocks
// of the type typ, or any dynamic block at any depth when typ is "" (the
// calls of an endpoint, which nest in parallel and sequence blocks that
// a dynamic block may make too).
func hasDynamic(body *hclsyntax.Body, typ string) bool {
	for _, b := range body.Blocks {
		if b.Type == "dynamic" && (typ == "" || len(b.Labels) == 1 && b.Labels[0] == typ) {
			return true
		}
		if typ == "" && hasDynamic(b.Body, typ) {
			return true
		}
	}
	return false
}

// splitDefaults returns the attributes the block writes and its
// defaults, each in the order given.
func splitDefaults(attrs []AttrChange) (written, defaults []AttrChange) {
	for _, a := range attrs {
		if a.Default {
			defaults = append(defaults, a)
		} else {
			written = append(written, a)
		}
	}
	return written, defaults
}
