//! The command line's allocator: mimalloc, told to keep the memory it frees
//! and to use ordinary pages.
//!
//! A 100,000-node file is half a million small strings, and mimalloc cuts the
//! end-to-end time of `blackout check` by about 40 %. By default it also
//! returns freed memory to the system a second later ("purging"), and the next
//! allocation faults it back in. A run lives for seconds and peaks once, so
//! that is pure cost: on a 100,000-node `check` it was 0.49 s of system time
//! (0.02 s without), on 1,000,000 nodes 2.7 s (2.0 s).
//!
//! Transparent huge pages are turned off for the process too: every first
//! touch of a 2 MiB page zeroes all of it, and on the 2-vCPU VMs this was
//! measured on that was half the time of a large run (a 1,000,000-node
//! `check`: 11 s → 7 s; `diff` of two 100,000-node files: 2.8 s → 1.5 s,
//! medians of 4 interleaved runs).

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};
use std::os::raw::c_long;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the option enum of the mimalloc (v3) that
/// libmimalloc-sys 0.1.49 builds; the crate does not name it.
const PURGE_DELAY: mi_option_t = 15;
/// Its default there (options.c), in milliseconds.
const DEFAULT_PURGE_DELAY: c_long = 1000;

/// Never purge, and no transparent huge pages. The purge option is checked
/// against its default first, so that a different mimalloc, whose options
/// are numbered otherwise, is left alone.
pub fn keep_freed_memory() {
    // SAFETY: a process-wide flag with no pointers; it fails harmlessly on
    // kernels without it.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // SAFETY: option calls on mimalloc's global options, made once on the
    // main thread before any other thread exists.
    unsafe {
        if mi_option_get(PURGE_DELAY) == DEFAULT_PURGE_DELAY {
            mi_option_set(PURGE_DELAY, -1);
        }
    }
}
