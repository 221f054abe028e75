// SPDX-License-Identifier: Apache-2.0

package initramfs

// SetMaxOut bounds the decompressed output of one Unpack (fuzzing: a
// small image must not take minutes).
func SetMaxOut(o *Options, n int64) { o.maxOut = n }
