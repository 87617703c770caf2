#pragma once
// How a ballast process sets up its heap (apps/ballast/heap.cpp).

namespace ballast::cli {

/// Keeps freed memory in the heap for reuse and backs the heap with transparent huge pages
/// where the system allows it. Call first thing in main; does nothing outside glibc.
void prepare_heap();

}  // namespace ballast::cli
