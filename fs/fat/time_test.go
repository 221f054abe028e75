// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestFatToUnixDates pins the date half of fatToUnix for every month
// value the 4-bit field can hold: month 0 counts as January, 13 to 15 as
// January too but a day later in a leap year. Day 0 counts as day 1 and
// days past a month's end run on into the next.
func TestFatToUnixDates(t *testing.T) {
	fs := &filesystem{}
	for _, row := range []struct {
		year int
		day1 [16]int64 // by month, day 1 at midnight
	}{
		{0, [16]int64{315532800, 315532800, 318211200, 320716800, 323395200, 325987200, 328665600, 331257600, 333936000, 336614400, 339206400, 341884800, 344476800, 315619200, 315619200, 315619200}},
		{4, [16]int64{441763200, 441763200, 444441600, 446947200, 449625600, 452217600, 454896000, 457488000, 460166400, 462844800, 465436800, 468115200, 470707200, 441849600, 441849600, 441849600}},
		{119, [16]int64{4070908800, 4070908800, 4073587200, 4076006400, 4078684800, 4081276800, 4083955200, 4086547200, 4089225600, 4091904000, 4094496000, 4097174400, 4099766400, 4070908800, 4070908800, 4070908800}},
		{120, [16]int64{4102444800, 4102444800, 4105123200, 4107542400, 4110220800, 4112812800, 4115491200, 4118083200, 4120761600, 4123440000, 4126032000, 4128710400, 4131302400, 4102444800, 4102444800, 4102444800}},
		{124, [16]int64{4228588800, 4228588800, 4231267200, 4233772800, 4236451200, 4239043200, 4241721600, 4244313600, 4246992000, 4249670400, 4252262400, 4254940800, 4257532800, 4228675200, 4228675200, 4228675200}},
	} {
		for month, want := range row.day1 {
			for _, day := range []int{0, 1, 2, 28, 29, 30, 31} {
				w := want + int64(max(day, 1)-1)*secsPerDay
				got := fs.fatToUnix(0, uint16(row.year<<9|month<<5|day), 0)
				if got != (vfs.Timespec{Sec: w}) {
					t.Errorf("year %d month %d day %d: got %v, want %d", 1980+row.year, month, day, got, w)
				}
			}
		}
	}
}

// TestFatToUnixTimes pins the time of day (its fields unchecked), the
// hundredths and the mount's time offset, and the atime truncation.
func TestFatToUnixTimes(t *testing.T) {
	for _, tc := range []struct {
		tzSet      bool
		offset     int32
		time, date uint16
		cs         uint8
		want       vfs.Timespec
		atime      int64
	}{
		{false, 0, 0, 1<<5 | 1, 0, vfs.Timespec{Sec: 315532800}, 315532800},
		{false, 0, 12<<11 | 34<<5 | 28, 44<<9 | 6<<5 | 15, 0, vfs.Timespec{Sec: 1718454896}, 1718409600},
		{false, 0, 12<<11 | 34<<5 | 28, 44<<9 | 6<<5 | 15, 199, vfs.Timespec{Sec: 1718454897, Nsec: 990000000}, 1718409600},
		{false, 0, 31<<11 | 63<<5 | 31, 44<<9 | 6<<5 | 15, 0, vfs.Timespec{Sec: 1718525042}, 1718496000},
		{true, 120, 1<<11 | 0<<5 | 0, 44<<9 | 6<<5 | 15, 0, vfs.Timespec{Sec: 1718406000}, 1718402400},
		{true, -90, 23<<11 | 0<<5 | 0, 44<<9 | 6<<5 | 15, 50, vfs.Timespec{Sec: 1718497800, Nsec: 500000000}, 1718415000},
		{true, 0, 23<<11 | 59<<5 | 29, 127<<9 | 12<<5 | 31, 0, vfs.Timespec{Sec: 4354819198}, 4354732800},
	} {
		fs := &filesystem{opts: options{tzSet: tc.tzSet, timeOffset: tc.offset}}
		got := fs.fatToUnix(tc.time, tc.date, tc.cs)
		if got != tc.want {
			t.Errorf("%#x %#x %d offset %d: got %v, want %v", tc.time, tc.date, tc.cs, tc.offset, got, tc.want)
		}
		if a := fs.truncateAtime(got); a != (vfs.Timespec{Sec: tc.atime}) {
			t.Errorf("%#x %#x offset %d: atime %v, want %d", tc.time, tc.date, tc.offset, a, tc.atime)
		}
	}
}
