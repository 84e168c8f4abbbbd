package dev.jtune.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {

  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path f = dir.resolve("data.csv");
    Files.writeString(f, content);
    return f;
  }

  @Test
  void readsNumericAndCategoricalColumnsAndClassLabels() throws IOException {
    Path f = write("age,colour,height,species\n"
        + "1.5,red,10,cat\n"
        + "\n"
        + "2.5,\"blue\",20,dog\n"
        + "3,red,30,cat\n");
    CsvData csv = new CsvLoader(CsvFormat.classes("species").withCategorical("colour")).load(f);
    assertThat(csv.featureNames()).containsExactly("age", "colour=blue", "colour=red", "height");
    assertThat(csv.numeric()).containsExactly(true, false, false, true);
    assertThat(csv.classNames()).containsExactly("cat", "dog");
    assertThat(csv.data().features()).containsExactly(
        1.5f, 0, 1, 10,
        2.5f, 1, 0, 20,
        3f, 0, 1, 30);
    assertThat(csv.data().labels()).containsExactly(0, 1, 0);
  }

  @Test
  void readsARegressionTarget() throws IOException {
    Path f = write("x;y\n1;0.5\n2;-1e3\n");
    CsvData csv = new CsvLoader(new CsvFormat("y", java.util.Set.of(), false, ';')).load(f);
    assertThat(csv.data().labels()).containsExactly(0.5f, -1000f);
    assertThat(csv.data().classes()).isZero();
  }

  @Test
  void aShortRowIsAnErrorNamingFileAndLine() throws IOException {
    Path f = write("a,b,label\n1,2,x\n3,y\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(f + ":3:").hasMessageContaining("expected 3 fields");
  }

  @Test
  void aWordInANumericColumnIsAnErrorNamingColumnAndLine() throws IOException {
    Path f = write("a,b,label\n1,2,x\n3,4,y\n5,oops,x\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(f + ":4:").hasMessageContaining("column 'b'")
        .hasMessageContaining("'oops'");
  }

  @Test
  void aNumericTargetReadAsClassesIsRefused() throws IOException {
    Path f = write("a,price\n1,3\n2,4.5\n3,7\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("price")).load(f))
        .hasMessageContaining(f + ":3:").hasMessageContaining("holds the number 4.5")
        .hasMessageContaining("regression");
    assertThat(new CsvLoader(CsvFormat.regression("price")).load(f).data().rows()).isEqualTo(3);
    Path ints = write("a,digit\n1,3\n2,4\n3,7\n");          // whole numbers are class labels
    assertThat(new CsvLoader(CsvFormat.classes("digit")).load(ints).data().classes())
        .isEqualTo(3);
  }

  @Test
  void aMissingLabelColumnOrQuoteIsAnError() throws IOException {
    Path f = write("a,b\n1,2\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(f))
        .hasMessageContaining(f + ":1:").hasMessageContaining("no column 'label'");
    Path late = write("\n\na,b\n1,2\n");   // blank lines before the header: it is line 3
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(late))
        .hasMessageContaining(late + ":3:").hasMessageContaining("no column 'label'");
    Path g = write("a,label\n\"1,x\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(g))
        .hasMessageContaining(":2: unterminated");
  }

  @Test
  void aByteOrderMarkAndBlankLinesBeforeTheHeaderAreSkipped() throws IOException {
    Path f = write("\n\uFEFFlabel,x\na,1\nb,2\n");
    CsvData csv = new CsvLoader(CsvFormat.classes("label")).load(f);
    assertThat(csv.featureNames()).containsExactly("x");
    assertThat(csv.data().labels()).containsExactly(0f, 1f);
  }

  @Test
  void aColumnNamedTwiceNoRowsAnEmptyLabelOrBytesThatAreNotUtf8AreErrors() throws IOException {
    Path twice = write("label,x,label\na,1,a\nb,2,b\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(twice))
        .isInstanceOf(DataFormatException.class).hasMessageContaining(twice + ":1:")
        .hasMessageContaining("'label' appears twice");
    Path headerOnly = write("x,y\n\n");
    assertThatThrownBy(() -> new CsvLoader(new CsvFormat("y", java.util.Set.of(), false, ','))
        .load(headerOnly)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("no data rows");
    Path emptyLabel = write("x,label\n1,a\n2,\n3,b\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(emptyLabel))
        .isInstanceOf(DataFormatException.class).hasMessageContaining(emptyLabel + ":3:")
        .hasMessageContaining("empty value in label column");
    Path latin1 = dir.resolve("latin1.csv");
    Files.write(latin1, "x,label\n1,caf\u00e9\n2,b\n".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(latin1))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("not valid UTF-8");
  }

  @Test
  void standardizerFitsOnTrainOnlyAndLeavesOneHotColumns() throws IOException {
    Path f = write("n,c,label\n0,a,x\n2,b,y\n4,a,x\n100,b,y\n");
    CsvData csv = new CsvLoader(CsvFormat.classes("label").withCategorical("c")).load(f);
    LabeledData train = csv.data().slice(0, 3);
    Standardizer s = Standardizer.fit(train, csv.numeric());
    assertThat(s.mean()).containsExactly(2, 0, 0);
    LabeledData test = s.apply(csv.data().slice(3, 4));
    // (100 - 2) / sd(0, 2, 4) with the population sd sqrt(8/3)
    assertThat(test.features()[0]).isCloseTo((float) (98 / Math.sqrt(8.0 / 3)),
        org.assertj.core.data.Offset.offset(1e-4f));
    assertThat(test.features()[1]).isZero();
    assertThat(test.features()[2]).isEqualTo(1f);
  }

  @Test
  void aQuotedFieldMayHoldLineBreaksAndLinesAreCountedFromTheRecordsStart() throws IOException {
    Path f = write("x,note,label\n1,\"line one\nline two\",a\n2,plain,b\n3,oops\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label").withCategorical("note"))
        .load(f)).isInstanceOf(DataFormatException.class).hasMessageContaining("data.csv:5")
        .hasMessageContaining("found 2");
    Path ok = write("x,note,label\n1,\"line one\nline two\",a\n2,plain,b\n");
    CsvData csv = new CsvLoader(CsvFormat.classes("label").withCategorical("note")).load(ok);
    assertThat(csv.featureNames()).containsExactly("x", "note=line one\nline two",
        "note=plain");
    Path open = write("x,label\n1,\"a\n2,b\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(open))
        .hasMessageContaining("data.csv:2").hasMessageContaining("unterminated quoted field");
  }

  @Test
  void aByteOrderMarkBeforeABlankLineStillLeavesTheHeader() throws IOException {
    Path f = write("\uFEFF\nx,label\n1,a\n2,b\n");
    assertThat(new CsvLoader(CsvFormat.classes("label")).load(f).classNames())
        .containsExactly("a", "b");
  }

  @Test
  void numericClassLabelsAreNumbersAndNamesAreTrimmed() throws IOException {
    Path f = write("x,label\n1,1\n2,1.0\n3,0\n4,10\n5,2\n6,9\n");
    CsvData csv = new CsvLoader(CsvFormat.classes("label")).load(f);
    assertThat(csv.classNames()).containsExactly("0", "1", "2", "9", "10");
    assertThat(csv.data().labels()).containsExactly(1, 1, 0, 4, 2, 3);
    Path big = write("x,label\n1,1e15\n2,1000000000000000\n3,9007199254740993\n"
        + "4,9007199254740992\n");
    assertThat(new CsvLoader(CsvFormat.classes("label")).load(big).classNames())
        .containsExactly("1000000000000000", "9007199254740992", "9007199254740993");
    Path words = write("x,label\n1,a\n2, a\n3,b \n");
    assertThat(new CsvLoader(CsvFormat.classes("label")).load(words).classNames())
        .containsExactly("a", "b");
  }

  @Test
  void numbersAreDecimalsAndAFileNeedsAFeatureColumn() throws IOException {
    Path suffix = write("x,label\n1d,a\n2,b\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(suffix))
        .hasMessageContaining("data.csv:2").hasMessageContaining("'1d' is not a finite number");
    Path huge = write("x,label\n1,a\n9.471e+38,b\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(huge))
        .hasMessageContaining("data.csv:3")
        .hasMessageContaining("'9.471e+38' is beyond the 32-bit float range");
    Path fine = write("x,label\n+1.5e2,a\n.5,b\n-3.,a\n");
    assertThat(new CsvLoader(CsvFormat.classes("label")).load(fine).data().features())
        .containsExactly(150f, 0.5f, -3f);
    Path onlyLabel = write("label\na\nb\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("label")).load(onlyLabel))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("data.csv:1")
        .hasMessageContaining("no feature columns besides label 'label'");
  }

  /** A quote opens a quoted field only at the field's start, as Python's csv module reads it. */
  @Test
  void aQuoteInsideAnUnquotedFieldIsACharacterOfIt() throws IOException {
    Path f = write("x,size,label\n1,12\" pipe,a\n2,10\" pipe,b\n3,\"x, y\",a\n");
    CsvData csv = new CsvLoader(CsvFormat.classes("label").withCategorical("size")).load(f);
    assertThat(csv.data().rows()).isEqualTo(3);
    assertThat(csv.featureNames()).containsExactly("x", "size=10\" pipe", "size=12\" pipe",
        "size=x, y");
  }

  /** Categorical levels are trimmed as class names are: a space after a comma is no new level. */
  @Test
  void categoricalLevelsAreTrimmed() throws IOException {
    Path f = write("x,colour,label\n1,red,a\n2, red,b\n3,blue ,a\n4,\" blue\",b\n");
    CsvData csv = new CsvLoader(CsvFormat.classes("label").withCategorical("colour")).load(f);
    assertThat(csv.featureNames()).containsExactly("x", "colour=blue", "colour=red");
    assertThat(csv.data().features()).containsExactly(
        1, 0, 1,
        2, 0, 1,
        3, 1, 0,
        4, 1, 0);
  }

  /** An empty categorical value is refused by line, as an empty number is; a missing file says so. */
  @Test
  void anEmptyCategoricalValueIsRefusedAndAMissingFileSaysSo() throws IOException {
    Path f = write("a,c,y\n1,r,x\n2, ,z\n3,g,x\n");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("y").withCategorical("c")).load(f))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("data.csv:3")
        .hasMessageContaining("empty value in categorical column 'c'");
    Path missing = f.resolveSibling("nope.csv");
    assertThatThrownBy(() -> new CsvLoader(CsvFormat.classes("y")).load(missing))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(missing + ": does not exist");
  }

  /**
   * A test file read like the training file gets the training file's one-hot columns and class
   * indexes (read on its own, a file with other levels silently meant other things: a network of
   * accuracy 1.0 scored 0.0 on it); a level or class the training file lacks is refused by line.
   */
  @Test
  void aSecondFileReadLikeTheFirstKeepsItsEncoding() throws IOException {
    Path train = dir.resolve("train.csv");
    Files.writeString(train, "x,color,label\n1,red,yes\n2,green,no\n3,red,yes\n4,green,no\n");
    CsvLoader loader = new CsvLoader(CsvFormat.classes("label").withCategorical("color"));
    CsvData reference = loader.load(train);
    assertThat(reference.columns()).containsExactly("x", "color");
    assertThat(reference.levels()).containsEntry("color", List.of("green", "red"));
    Path test = dir.resolve("test.csv");
    Files.writeString(test, "x,color,label\n5,red,yes\n6,red,yes\n");
    CsvData read = loader.loadLike(test, reference);
    assertThat(read.featureNames()).isEqualTo(reference.featureNames());
    assertThat(read.classNames()).containsExactly("no", "yes");
    assertThat(read.data().features()).containsExactly(5, 0, 1, 6, 0, 1);
    assertThat(read.data().labels()).containsExactly(1, 1);
    // on its own the same file would have one level and one class: other meanings
    assertThatThrownBy(() -> loader.load(test)).hasMessageContaining("1 distinct value");
    Path yellow = dir.resolve("yellow.csv");
    Files.writeString(yellow, "x,color,label\n5,red,yes\n6,yellow,no\n");
    assertThatThrownBy(() -> loader.loadLike(yellow, reference))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("yellow.csv:3")
        .hasMessageContaining("level 'yellow' of categorical column 'color'")
        .hasMessageContaining("[green, red]");
    Path maybe = dir.resolve("maybe.csv");
    Files.writeString(maybe, "x,color,label\n5,red,maybe\n");
    assertThatThrownBy(() -> loader.loadLike(maybe, reference))
        .hasMessageContaining("maybe.csv:2").hasMessageContaining("class 'maybe'");
    Path swapped = dir.resolve("swapped.csv");
    Files.writeString(swapped, "color,x,label\nred,5,yes\n");
    assertThatThrownBy(() -> loader.loadLike(swapped, reference))
        .hasMessageContaining("feature columns [color, x] are not those");
    // numeric classes in the reference: a text label is a class it lacks, named by line
    Path numbered = dir.resolve("numbered.csv");
    Files.writeString(numbered, "x,label\n1,0\n2,1\n3,0\n");
    CsvLoader plain = new CsvLoader(CsvFormat.classes("label"));
    CsvData numbers = plain.load(numbered);
    Path cat = dir.resolve("cat.csv");
    Files.writeString(cat, "x,label\n1,0\n2,cat\n");
    assertThatThrownBy(() -> plain.loadLike(cat, numbers))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("cat.csv:3")
        .hasMessageContaining("class 'cat'");
    // classes against a regression target, either way round
    CsvLoader regression = new CsvLoader(new CsvFormat("label", java.util.Set.of(), false, ','));
    assertThatThrownBy(() -> regression.loadLike(numbered, numbers))
        .hasMessageContaining("read as a regression target here but as classes");
    assertThatThrownBy(() -> plain.loadLike(numbered, regression.load(numbered)))
        .hasMessageContaining("read as classes here but as a regression target");
  }
}
