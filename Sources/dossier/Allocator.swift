// On Linux the program allocates with mimalloc (Package.swift says why). Importing the
// module links the library ahead of the C library, so its `malloc` serves the whole process,
// Swift's runtime included; `readelf -d` on the program lists libmimalloc before libc.
#if os(Linux)
import CMimalloc
#endif
