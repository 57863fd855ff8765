//! The command line's allocator: mimalloc, told to keep the memory it frees.
//!
//! A 100,000-node file is half a million small strings, and mimalloc cuts the
//! end-to-end time of `blackout check` by about 40 %. By default it also
//! returns freed memory to the system a second later ("purging"), and the next
//! allocation faults it back in. A run lives for seconds and peaks once, so
//! that is pure cost: on a 100,000-node `check` it was 0.49 s of system time
//! (0.02 s without), on 1,000,000 nodes 2.7 s (2.0 s).

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the option enum of the mimalloc (v3) that
/// libmimalloc-sys 0.1.49 builds; the crate does not name it.
const PURGE_DELAY: mi_option_t = 15;
/// Its default there (options.c), in milliseconds.
const DEFAULT_PURGE_DELAY: i64 = 1000;

/// Never purge. Checked against the default first, so that a different
/// mimalloc, whose options are numbered otherwise, is left alone.
pub fn keep_freed_memory() {
    // SAFETY: option calls on mimalloc's global options, made once on the
    // main thread before any other thread exists.
    unsafe {
        if i64::from(mi_option_get(PURGE_DELAY)) == DEFAULT_PURGE_DELAY {
            mi_option_set(PURGE_DELAY, -1);
        }
    }
}
