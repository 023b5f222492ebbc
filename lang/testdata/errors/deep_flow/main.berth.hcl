service "api" {
  endpoint "deep" {
    parallel {
      parallel {
        parallel {
          parallel {
            parallel {
              parallel {
                parallel {
                  parallel {
                    parallel {
                      parallel {
                        parallel {
                          parallel {
                            parallel {
                              parallel {
                                parallel {
                                  parallel {
                                    parallel {
                                      parallel {
                                        parallel {
                                          parallel {
                                            parallel {
                                              parallel {
                                                parallel {
                                                  parallel {
                                                    parallel {
                                                      parallel {
                                                        parallel {
                                                          parallel {
                                                            parallel {
                                                              parallel {
                                                                parallel {
                                                                  parallel {
                                                                    parallel {
                                                                      parallel {
                                                                        parallel {
                                                                          parallel {
                                                                            parallel {
                                                                              parallel {
                                                                                parallel {
                                                                                  parallel {
                                                                                    parallel {
                                                                                      parallel {
                                                                                        parallel {
                                                                                          parallel {
                                                                                            parallel {
                                                                                              parallel {
                                                                                                parallel {
                                                                                                  parallel {
                                                                                                    parallel {
                                                                                                      parallel {
                                                                                                        parallel {
                                                                                                          parallel {
                                                                                                            parallel {
                                                                                                              parallel {
                                                                                                                parallel {
                                                                                                                  parallel {
                                                                                                                    parallel {
                                                                                                                      parallel {
                                                                                                                        parallel {
                                                                                                                          parallel {
                                                                                                                            parallel {
                                                                                                                              parallel {
                                                                                                                                parallel {
                                                                                                                                  parallel { # ERROR: Flow nested too deep
                                                                                                                                    parallel {
                                                                                                                                      parallel {
                                                                                                                                        call "db" {}
                                                                                                                                      }
                                                                                                                                    }
                                                                                                                                  }
                                                                                                                                }
                                                                                                                              }
                                                                                                                            }
                                                                                                                          }
                                                                                                                        }
                                                                                                                      }
                                                                                                                    }
                                                                                                                  }
                                                                                                                }
                                                                                                              }
                                                                                                            }
                                                                                                          }
                                                                                                        }
                                                                                                      }
                                                                                                    }
                                                                                                  }
                                                                                                }
                                                                                              }
                                                                                            }
                                                                                          }
                                                                                        }
                                                                                      }
                                                                                    }
                                                                                  }
                                                                                }
                                                                              }
                                                                            }
                                                                          }
                                                                        }
                                                                      }
                                                                    }
                                                                  }
                                                                }
                                                              }
                                                            }
                                                          }
                                                        }
                                                      }
                                                    }
                                                  }
                                                }
                                              }
                                            }
                                          }
                                        }
                                      }
                                    }
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

service "db" {}
link "api" "db" {}
