// The Node flags the production server runs with: the container's CMD (Dockerfile), `npm start` and the bench alike.

/**
 * Node sizes V8's old generation from the memory it may use: the container's limit (cgroup) where there is one, about
 * 460 MB in a 1 GiB container; the host's memory otherwise (4 GB on the bench's 24 GB host, or on a VM running
 * `npm start`). With the large limit V8 lets the heap grow to several times what survived the last full collection:
 * under ten admins loading the approval queue the live heap stayed near 120 MB while old space grew past 350 MB
 * (RSS 540-590 MB). A stated 512 MB (half the container) keeps the heap the same wherever the server runs, so the
 * bench measures what the container does: RSS 312 MB in the same bench. See docs/performance.md (Server memory).
 */
/**
 * Most of the server's garbage-collection time is scavenges of the young generation: ten concurrent renders keep
 * enough alive that each scavenge copies a lot. V8 sizes the semi-spaces from the old generation (16 MB on a large
 * host, less in a container whose old generation is smaller); 32 MB halve the scavenges (844 -> 367 over the page
 * bench) and their pause time (24 s -> 17 s), at about 30 MB of resident memory.
 */
export const PORTAL_NODE_FLAGS: readonly string[] = ['--max-old-space-size=512', '--max-semi-space-size=32'];
