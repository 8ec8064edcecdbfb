#!/usr/bin/env bats
# Installed rules: the defaults in RULESDIR, a branch's own in
# SYSCONFDIR/cm/rules, kept across `make install` when the branch edited
# them (make install-rules, which builds nothing); and the order in which
# a tool looks for its rules: -r, CM_RULES_DIR, the branch's, the defaults.

load test_helper

# install-rules PREFIX: make install-rules into ./d.
install_rules() {
	make -s -C "$ROOT" install-rules DESTDIR="$PWD/d" PREFIX="$1"
}

@test "make install-rules puts every rule file in SYSCONFDIR/cm/rules and in share/cm/rules" {
	run -0 install_rules /opt/cm
	assert_output ''
	for f in "$ROOT"/rules/*.yaml; do
		cmp "$f" "d/opt/cm/etc/cm/rules/${f##*/}"
		cmp "$f" "d/opt/cm/share/cm/rules/${f##*/}"
	done
}

@test "with PREFIX=/usr, a branch's rules go under /etc" {
	run -0 install_rules /usr
	cmp "$ROOT/rules/classify.yaml" d/etc/cm/rules/classify.yaml
	cmp "$ROOT/rules/classify.yaml" d/usr/share/cm/rules/classify.yaml
}

@test "a branch's edited rule file is kept by the next install, the new default beside it, and it says so" {
	install_rules /opt/cm
	echo '# 本分公司' >> d/opt/cm/etc/cm/rules/funnel.yaml
	cp d/opt/cm/etc/cm/rules/funnel.yaml edited.yaml
	run -0 install_rules /opt/cm
	assert_output "kept /opt/cm/etc/cm/rules/funnel.yaml as it was edited; the new default is /opt/cm/etc/cm/rules/funnel.yaml.new"
	cmp edited.yaml d/opt/cm/etc/cm/rules/funnel.yaml
	cmp "$ROOT/rules/funnel.yaml" d/opt/cm/etc/cm/rules/funnel.yaml.new
	cmp "$ROOT/rules/funnel.yaml" d/opt/cm/share/cm/rules/funnel.yaml
	run -0 ls d/opt/cm/etc/cm/rules
	refute_line --partial classify.yaml.new
}

@test "an unedited rule file of an older install is replaced by the new default" {
	install_rules /opt/cm
	# The older default, installed in both places.
	for d in etc share; do
		echo '# 旧版' >> "d/opt/cm/$d/cm/rules/classify.yaml"
	done
	run -0 install_rules /opt/cm
	assert_output ''
	cmp "$ROOT/rules/classify.yaml" d/opt/cm/etc/cm/rules/classify.yaml
	assert [ ! -e d/opt/cm/etc/cm/rules/classify.yaml.new ]
}

# A cm-classify built to look in ./etc/cm/rules and ./share, and a rule
# file in each place (and in ./env) whose grade says where it was read.
lookup_world() {
	make -s -C "$ROOT" B="$PWD/b" CFLAGS=-O0 SYSCONFDIR="$PWD/etc" \
	    RULESDIR="$PWD/share" "$PWD/b/bin/cm-classify" > /dev/null
	mkdir -p etc/cm/rules share env
	for d in etc/cm/rules share env; do
		printf 'version: 1\nclassify:\n  - column: from\n    rules: []\n    default: %s\n' \
		    "${d%%/*}" > "$d/classify.yaml"
	done
	printf 'id\n1\n' > in.csv
}

@test "a tool reads -r, else CM_RULES_DIR, else the branch's rules, else the defaults" {
	lookup_world
	run -0 env CM_RULES_DIR="$PWD/env" b/bin/cm-classify -r share/classify.yaml in.csv
	assert_output $'id,from\n1,share'
	run -0 env CM_RULES_DIR="$PWD/env" b/bin/cm-classify in.csv
	assert_output $'id,from\n1,env'
	run -0 env CM_RULES_DIR= b/bin/cm-classify in.csv
	assert_output $'id,from\n1,etc'
	rm etc/cm/rules/classify.yaml
	run -0 env CM_RULES_DIR= b/bin/cm-classify in.csv
	assert_output $'id,from\n1,share'
}

@test "--help names the rule file a tool would read" {
	lookup_world
	run -0 env CM_RULES_DIR= b/bin/cm-classify --help
	assert_line "  -r, --rules FILE          rule file (default: $PWD/etc/cm/rules/classify.yaml)"
	rm etc/cm/rules/classify.yaml
	run -0 env CM_RULES_DIR= b/bin/cm-classify --help
	assert_line "  -r, --rules FILE          rule file (default: $PWD/share/classify.yaml)"
}
