// SPDX-License-Identifier: Apache-2.0

package dosfstools

import "github.com/linuxvfs/linuxvfs/userland/applet"

func fatlabelApplet(c *applet.Cmd) int { return 1 }
