# Shared by the prep benchmarks (bench/data-prep.sh, bench/prep-profile.sh); sourced from the
# repository root. Needs /usr/bin/python3 with PIL (apt-get install python3-pil).

# Builds data-prep's test classpath (one reactor build: data-prep comes last, so its classpath,
# model-core's classes included, is the one left in the file; nothing is installed to ~/.m2) and
# sets PREP_CP and PREP_OPENS (the JVM flags Spark needs on Java 17).
prep_classpath() {
  local cp_file="$PWD/data-prep/target/bench-classpath.txt"
  mvn -B -q -pl data-prep -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
  PREP_OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)
  PREP_CP="data-prep/target/test-classes:data-prep/target/classes:model-core/target/classes:$(cat "$cp_file")"
}

# The directory of IMAGES photo-like JPEGs of WIDTHxHEIGHT in ImageNet's layout
# (bench/photo_like.py), made on first use and kept in /tmp/reorder-bench-photos for reruns.
# Usage: photo_set WIDTHxHEIGHT IMAGES
photo_set() {
  local size=$1 images=$2
  local dir=/tmp/reorder-bench-photos/$size-$images
  if [ ! -f "$dir/done" ]; then
    rm -rf "$dir"
    /usr/bin/python3 bench/photo_like.py "$dir" "$images" "${size%x*}" "${size#*x}" >&2
    touch "$dir/done"
  fi
  echo "$dir"
}
