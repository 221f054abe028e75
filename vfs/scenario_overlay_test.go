// SPDX-License-Identifier: Apache-2.0

package vfs_test

// Overlays of layers the scenario prepares with system calls, extended
// attributes included: opaque directories and whiteouts made as a
// container image's layers carry them, and attributes through the
// overlay.

import "github.com/linuxvfs/linuxvfs/abi/linux"

func (v vfsOps) MountOverlay(target, data string) error {
	return v.t.Mount("overlay", target, "overlay", 0, data)
}

func opMountOverlay(target, data string) scStep {
	return scStep{op: "mountovl", path: target, data: data}
}

func init() { scenarios = append(scenarios, overlayScenarios...) }

// ovlLayers makes l (lower), u (upper), w (work) and m, and files in
// them.
func ovlLayers(files ...string) []scStep {
	s := steps(opMkdir("l", 0o755).ok(), opMkdir("u", 0o755).ok(), opMkdir("w", 0o755).ok(), opMkdir("m", 0o755).ok())
	for _, f := range files {
		if f[len(f)-1] == '/' {
			s = append(s, opMkdir(f[:len(f)-1], 0o755).ok())
		} else {
			s = append(s, mkfile(f, 0o644, "")...)
		}
	}
	return s
}

const ovlData = "lowerdir=l,upperdir=u,workdir=w"

var overlayScenarios = []scenario{
	{name: "overlay/opaque-and-xattr-whiteouts", steps: steps(
		ovlLayers("l/d/", "l/d/lx", "l/x/", "l/x/z", "l/x/k", "l/g", "u/d/", "u/d/ux", "u/g"),
		opSetxattr("u/d", "trusted.overlay.opaque", "y", 0).ok(),
		opSetxattr("u/g", "trusted.overlay.whiteout", "", 0).ok(),
		opSetxattr("l/x/z", "trusted.overlay.whiteout", "", 0).ok(),
		opSetxattr("l/x", "trusted.overlay.whiteouts", "", 0).ok(),
		opSetxattr("l/x/k", "trusted.overlay.whiteout", "", 0).ok(),
		opMountOverlay("m", ovlData).ok(),
		opOpen("m/d", oRD|oDIR, 0).to("d").ok(),
		opGetdents("d").ok(),
		opStat("m/d/lx").fails(eNOENT),
		opAccess("m/g", 0, 0).fails(eNOENT),
		opStat("m/x/z").fails(eNOENT),
		opOpen("m/x", oRD|oDIR, 0).to("x").ok(),
		opGetdents("x").ok(),
	)},
	{name: "overlay/xattrs", steps: steps(
		ovlLayers("l/f", "l/e/"),
		opSetxattr("l/f", "user.lower", "1", 0).ok(),
		opSetxattr("l/f", "trusted.overlay.foo", "1", 0).ok(),
		opMountOverlay("m", ovlData).ok(),
		opListxattr("m/f", 256).ok(),
		opGetxattr("m/f", "trusted.overlay.foo", 16).fails(linux.ENODATA),
		opGetxattr("m/f", "user.lower", 16).ok(),
		opSetxattr("m/f", "trusted.overlay.bar", "2", 0).ok(),
		opSetxattr("m/f", "user.new", "3", 0).ok(),
		opListxattr("m/f", 256).ok(),
		opListxattr("u/f", 256).ok(),
		opGetxattr("u/f", "trusted.overlay.overlay.bar", 16).ok(),
		opRemovexattr("m/e", "user.none").fails(linux.ENODATA),
		opAccess("u/e", 0, 0).fails(eNOENT),
		opSetxattr("m/e", "user.a", "1", 0).ok(),
		opAccess("u/e", 0, 0).ok(),
		opRemovexattr("m/f", "user.lower").ok(),
		opListxattr("m/f", 256).ok(),
		opListxattr("l/f", 256).ok(),
		opSetxattr("m/f", "user.x", "1", 0).as(alice).fails(eACCES),
		opUmount("m", 0).ok(),
	)},
	{name: "overlay/layer-unmounted", steps: steps(
		ovlLayers("L/"),
		opMount("L").ok(),
		mkfile("L/f", 0o644, "lower"),
		opMountOverlay("m", "lowerdir=L,upperdir=u,workdir=w").ok(),
		opUmount("L", 0).ok(),
		opOpen("m/f", oRDWR|oAPPEND, 0).to("f").ok(),
		opWrite("f", "+upper").ok(),
		opPread("f", 64, 0).ok(),
		opClose("f").ok(),
		opAccess("L/f", 0, 0).fails(eNOENT),
		opUmount("m", 0).ok(),
		opAccess("u/f", 0, 0).ok(),
	)},
	{name: "overlay/whiteout-rename", steps: steps(
		ovlLayers("l/a", "l/b"),
		opMountOverlay("m", ovlData).ok(),
		opRename("m/a", "m/c", 0).ok(),
		opAccess("u/a", 0, 0).ok(),
		opAccess("m/a", 0, 0).fails(eNOENT),
		opRename("m/b", "m/c", rnWHITEOUT).fails(eINVAL),
		opRename("m/b", "m/c", rnEXCHANGE).ok(),
		opAccess("u/b", 0, 0).ok(),
	)},
}
