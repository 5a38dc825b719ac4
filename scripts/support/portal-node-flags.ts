// The Node flags the production server runs with: the container's CMD (Dockerfile), `npm start` and the bench alike.

/**
 * V8 sizes the old generation from the host's memory (about 4 GB here, and on a Container Apps host whatever the host
 * has, not the container's 1 GiB) and, with that much room, lets the heap grow to several times what survived the last
 * full collection before collecting again. Under ten admins loading the approval queue the live heap stayed near
 * 120 MB while the heap grew past 350 MB (server RSS 540-590 MB). A stated limit of half the container's memory makes V8
 * grow the heap by a smaller factor and collect before the container is full: RSS 312 MB in the same bench, the other
 * half left for the young generation, code and native memory. See docs/performance.md (Server memory).
 */
/**
 * Most of the server's garbage-collection time is scavenges of the young generation (16 MB semi-spaces by default):
 * ten concurrent renders keep enough alive that each scavenge copies a lot. Semi-spaces of 32 MB halve their number
 * (844 -> 367 over the page bench) and their pause time (24 s -> 17 s), at about 30 MB of resident memory.
 */
export const PORTAL_NODE_FLAGS: readonly string[] = ['--max-old-space-size=512', '--max-semi-space-size=32'];
