#ifndef CFILESWAP_H
#define CFILESWAP_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): afterwards each
/// name refers to what the other did. Returns 0, or -1 with errno set (ENOSYS, EINVAL where
/// the kernel or file system cannot, and then the caller falls back to two renames).
int dossier_exchange_paths(const char *first, const char *second);

#endif
