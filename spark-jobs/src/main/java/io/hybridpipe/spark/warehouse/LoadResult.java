package io.hybridpipe.spark.warehouse;

/**
 * @param skipped  true when {@code load_audit} already held the manifest: nothing was loaded again
 * @param merged   rows of the batch after de-duplication on id, i.e. rows inserted or updated
 * @param attempts how many tries the load took (transient errors are retried)
 */
public record LoadResult(String manifestUri, boolean skipped, long merged, int attempts) {
}
