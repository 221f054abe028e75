// SPDX-License-Identifier: Apache-2.0

package kerneltest

// SetAfterLock lets tests learn when a run holds the sandbox lock.
func SetAfterLock(f func(exclusive bool)) {
	if f == nil {
		afterLock.Store(nil)
		return
	}
	afterLock.Store(&f)
}
