# A job that runs on a fresh machine: a raw_exec task that prints a greeting every few seconds.
# `caravan agent -dev` enables raw_exec.
variable "greeting" {
  type    = string
  default = "hello from caravan"
}

job "hello" {
  datacenters = ["dc1"]
  type        = "service"

  group "hello" {
    count = 1

    task "say" {
      driver = "raw_exec"

      config {
        command = "/bin/sh"
        args    = ["-c", "while true; do echo \"${var.greeting} (alloc ${NOMAD_ALLOC_INDEX})\"; sleep 5; done"]
      }

      resources {
        cpu    = 50
        memory = 32
      }
    }
  }
}
