//! A global allocator that overwrites every block with zeros before handing it back. A visitor's
//! answers pass through many buffers (the summary's text, egui's laid-out text, the PDF, the
//! answer code, the QR code); freed memory normally keeps its old bytes until reused, so after a
//! wipe the answers could still be read out of the process's memory. Zeroing on free covers every
//! buffer, ours and our libraries', at the cost of one memset per free.

use std::alloc::{GlobalAlloc, Layout, System};

/// The system allocator, zeroing blocks when they are freed (and when `realloc` moves them).
#[derive(Debug, Default, Clone, Copy)]
pub struct ZeroingAllocator;

/// Overwrites `len` bytes at `ptr` with zeros in a way the compiler may not remove.
///
/// # Safety
/// `ptr` must be valid for writes of `len` bytes.
unsafe fn scrub(ptr: *mut u8, len: usize) {
    let words = len / 8;
    let word_ptr = ptr.cast::<u64>();
    for i in 0..words {
        // SAFETY: within the block; unaligned writes are allowed by write_unaligned's contract.
        unsafe { std::ptr::write_volatile(word_ptr.add(i).cast::<[u8; 8]>(), [0; 8]) };
    }
    for i in words * 8..len {
        // SAFETY: within the block.
        unsafe { std::ptr::write_volatile(ptr.add(i), 0) };
    }
    std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
}

// SAFETY: every call is passed on to the system allocator with the same arguments; blocks are
// only written (zeroed) while they are still ours, before they are freed.
unsafe impl GlobalAlloc for ZeroingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` is a live block of `layout.size()` bytes until freed just after.
        unsafe {
            scrub(ptr, layout.size());
            System.dealloc(ptr, layout);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Never let the system move a block behind our back: a new block, a copy, and the old
        // one zeroed and freed.
        // SAFETY: the layout is valid (the caller's contract); sizes are checked by Layout.
        unsafe {
            let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
                return std::ptr::null_mut();
            };
            let new = System.alloc(new_layout);
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}
