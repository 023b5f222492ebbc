service "a" {
  endpoint "x" {
    call "b" {} # ERROR: Cycle in the call graph
  }
}

service "b" {
  endpoint "x" {
    call "c" {}
  }
}

service "c" {
  endpoint "x" {
    call "a" {}
  }
}

service "d" {
  endpoint "x" {
    call "d" {} # ERROR: Service calls itself
  }
}

link "a" "b" {}
link "b" "c" {}
link "c" "a" {}
