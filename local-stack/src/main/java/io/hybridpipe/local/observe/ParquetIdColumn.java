package io.hybridpipe.local.observe;

import java.io.IOException;
import java.util.function.Consumer;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the {@code id} column of one Parquet file, and nothing else: only that column's chunks are fetched. A row
 * without an id (or a file without the column) gives {@link #NULL_ID}, as a SQL read of the table would give NULL.
 */
final class ParquetIdColumn {

    static final String NULL_ID = "(row with NULL id)";
    private static final String ID = "id";

    private ParquetIdColumn() {
    }

    static void read(Path file, Configuration conf, Consumer<String> ids) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            if (!schema.containsField(ID)) {
                for (long row = 0; row < reader.getRecordCount(); row++) {
                    ids.accept(NULL_ID);
                }
                return;
            }
            MessageType idOnly = new MessageType(schema.getName(), schema.getType(ID));
            reader.setRequestedSchema(idOnly);
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> rows = new ColumnIOFactory().getColumnIO(idOnly, schema)
                        .getRecordReader(rowGroup, new GroupRecordConverter(idOnly));
                for (long row = 0; row < rowGroup.getRowCount(); row++) {
                    Group g = rows.read();
                    ids.accept(g.getFieldRepetitionCount(ID) == 0 ? NULL_ID : g.getString(ID, 0));
                }
            }
        }
    }
}
