from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = "import os\nimport shlex\nimport subprocess\nimport subprocess as sp\n"


def test_fires_on_request_data_in_a_command_line(tmp_path) -> None:
    code = HEAD + (
        "def convert(request):\n"
        "    name = request.POST['file']\n"
        "    os.system(f'convert uploads/{name} out.png')\n"
        "    os.popen('gzip ' + name)\n"
        "    subprocess.run('tar czf x.tgz %s' % name, shell=True)\n"
        "    sp.check_output(['ls ' + name], shell=True)\n"
        "    subprocess.getoutput('file ' + name)\n"
    )
    found = assert_finds(tmp_path, "PG210", {"app/views.py": code}, count=5,
                         severity="critical", confidence="high")
    assert [f.location.line for f in found] == [7, 8, 9, 10, 11]
    assert "subprocess.run(shell=True)" in found[2].message


def test_fires_when_the_program_comes_from_the_request(tmp_path) -> None:
    code = HEAD + (
        "def tool(request):\n"
        "    subprocess.run([request.GET['tool'], '--version'])\n"
        "    cmd = [request.GET['tool'], '-x']\n"
        "    subprocess.Popen(cmd)\n"
    )
    found = assert_finds(tmp_path, "PG210", {"app/views.py": code}, count=2, confidence="high")
    assert "the program run by subprocess.run()" in found[0].message


def test_lower_confidence_for_unknown_values(tmp_path) -> None:
    code = HEAD + (
        "def backup(path):\n"
        "    os.system('tar czf backup.tgz ' + path)\n"
        "def run(command):\n"
        "    subprocess.call(command, shell=True)\n"
    )
    found = assert_finds(tmp_path, "PG210", {"app/tasks.py": code}, count=2, severity="high")
    assert [f.confidence.value for f in found] == ["medium", "low"]


def test_silent_on_argument_lists_quoting_and_constants(tmp_path) -> None:
    code = HEAD + (
        "GZIP = 'gzip -9 /var/backups/db.sql'\n"
        "def convert(request):\n"
        "    name = request.POST['file']\n"
        "    subprocess.run(['convert', name, 'out.png'], check=True)\n"
        "    subprocess.run(['gzip', '--', name], shell=False)\n"
        "    os.system('convert ' + shlex.quote(name) + ' out.png')\n"
        "    os.system(GZIP)\n"
        "    subprocess.run('ls -l', shell=True)\n"
        "    count = int(request.GET['n'])\n"
        "    os.system(f'seq {count}')\n"
        "    args = ['ls', name]\n"
        "    subprocess.run(args)\n"
    )
    assert_silent(tmp_path, "PG210", {"app/views.py": code})
