#pragma once
/// @file How a ballast process sets up its heap (src/core/heap.cpp): the command line calls
/// it first thing in main, the Python module when it is imported.

namespace ballast {

/// Keeps freed memory in the heap for reuse and backs the heap with transparent huge pages
/// where the system allows it. Call once, early (before the heap holds much); does nothing
/// outside glibc.
void prepare_heap();

}  // namespace ballast
